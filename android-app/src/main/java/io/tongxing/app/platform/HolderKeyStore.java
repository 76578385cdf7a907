package io.tongxing.app.platform;

import io.tongxing.holder.HolderSigner;
import io.tongxing.token.HolderKey;
import java.security.GeneralSecurityException;

/**
 * The holder key pair of this phone: made once, kept in the Android Keystore, never exported. Its public
 * half is registered with the home server at login and comes back in tokens as the {@code h} claim; its
 * private half signs the fresh holder proof shown with every QR.
 */
public interface HolderKeyStore {

    /** The phone's holder key, made on first use. */
    HolderKey holderKey() throws GeneralSecurityException;

    /** Signs with the private half (DER, as the Keystore makes signatures). */
    HolderSigner signer() throws GeneralSecurityException;
}
