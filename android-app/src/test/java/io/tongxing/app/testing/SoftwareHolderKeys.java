package io.tongxing.app.testing;

import io.tongxing.app.platform.HolderKeyStore;
import io.tongxing.holder.HolderSigner;
import io.tongxing.token.HolderKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;

/** The JVM stand-in for the Android Keystore's holder key: a software P-256 key pair. */
public final class SoftwareHolderKeys implements HolderKeyStore {
    private final KeyPair pair;
    public volatile boolean failing;

    public SoftwareHolderKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public HolderKey holderKey() throws GeneralSecurityException {
        if (failing) {
            throw new GeneralSecurityException("keystore failure (test)");
        }
        return HolderKey.of((ECPublicKey) pair.getPublic());
    }

    @Override
    public HolderSigner signer() throws GeneralSecurityException {
        if (failing) {
            throw new GeneralSecurityException("keystore failure (test)");
        }
        return HolderSigner.of(pair.getPrivate(), null);
    }
}
