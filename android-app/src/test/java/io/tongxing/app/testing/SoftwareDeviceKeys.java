package io.tongxing.app.testing;

import io.tongxing.app.platform.DeviceKeyStore;
import io.tongxing.holder.HolderSigner;
import io.tongxing.token.HolderKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;

/** The JVM stand-in for the Android Keystore's device key: a software P-256 key pair, new on every enrollment. */
public final class SoftwareDeviceKeys implements DeviceKeyStore {
    private KeyPair pair;

    @Override
    public synchronized HolderKey newKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        pair = generator.generateKeyPair();
        return HolderKey.of((ECPublicKey) pair.getPublic());
    }

    @Override
    public synchronized HolderSigner signer() throws GeneralSecurityException {
        if (pair == null) {
            throw new GeneralSecurityException("no device key yet");
        }
        return HolderSigner.of(pair.getPrivate(), null);
    }
}
