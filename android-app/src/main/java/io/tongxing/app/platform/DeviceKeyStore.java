package io.tongxing.app.platform;

import io.tongxing.holder.HolderSigner;
import io.tongxing.token.HolderKey;
import java.security.GeneralSecurityException;

/**
 * The checkpoint device's own P-256 key pair, kept in the Android Keystore and never exported. It is made
 * new for every enrollment (the server never takes a key twice) and signs every request the device makes.
 */
public interface DeviceKeyStore {

    /** Replaces the device key with a new pair and returns its public half. */
    HolderKey newKey() throws GeneralSecurityException;

    /** Signs with the current key's private half (DER, as the Keystore makes signatures). */
    HolderSigner signer() throws GeneralSecurityException;
}
