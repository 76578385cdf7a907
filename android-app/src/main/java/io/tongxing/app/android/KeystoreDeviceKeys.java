package io.tongxing.app.android;

import android.security.keystore.KeyGenParameterSpec;
import android.security.keystore.KeyProperties;
import io.tongxing.app.platform.DeviceKeyStore;
import io.tongxing.holder.HolderSigner;
import io.tongxing.token.HolderKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;

/** The checkpoint device key in the Android Keystore: P-256, signing only, never exportable, new per enrollment. */
final class KeystoreDeviceKeys implements DeviceKeyStore {
    private static final String KEYSTORE = "AndroidKeyStore";
    private static final String ALIAS = "tongxing-device-key";

    @Override
    public synchronized HolderKey newKey() throws GeneralSecurityException {
        KeyStore keyStore = keyStore();
        if (keyStore.containsAlias(ALIAS)) {
            keyStore.deleteEntry(ALIAS);
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance(KeyProperties.KEY_ALGORITHM_EC, KEYSTORE);
        generator.initialize(new KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_SIGN)
                .setAlgorithmParameterSpec(new ECGenParameterSpec("secp256r1"))
                .setDigests(KeyProperties.DIGEST_SHA256)
                .build());
        generator.generateKeyPair();
        return HolderKey.of((ECPublicKey) keyStore().getCertificate(ALIAS).getPublicKey());
    }

    @Override
    public synchronized HolderSigner signer() throws GeneralSecurityException {
        PrivateKey key = (PrivateKey) keyStore().getKey(ALIAS, null);
        if (key == null) {
            throw new GeneralSecurityException("this phone has no device key; enroll it first");
        }
        return HolderSigner.of(key, null);
    }

    private static KeyStore keyStore() throws GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance(KEYSTORE);
        try {
            keyStore.load(null);
        } catch (IOException e) {
            throw new GeneralSecurityException("the Android Keystore cannot be opened", e);
        }
        return keyStore;
    }
}
