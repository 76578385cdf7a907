package io.tongxing.app.android;

import android.security.keystore.KeyGenParameterSpec;
import android.security.keystore.KeyProperties;
import io.tongxing.app.platform.HolderKeyStore;
import io.tongxing.holder.HolderSigner;
import io.tongxing.token.HolderKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;

/** The holder key pair in the Android Keystore: P-256, signing only, never exportable. */
final class KeystoreHolderKeys implements HolderKeyStore {
    private static final String KEYSTORE = "AndroidKeyStore";
    private static final String ALIAS = "tongxing-holder-key";

    @Override
    public synchronized HolderKey holderKey() throws GeneralSecurityException {
        KeyStore keyStore = keyStore();
        if (!keyStore.containsAlias(ALIAS)) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(KeyProperties.KEY_ALGORITHM_EC, KEYSTORE);
            generator.initialize(new KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_SIGN)
                    .setAlgorithmParameterSpec(new ECGenParameterSpec("secp256r1"))
                    .setDigests(KeyProperties.DIGEST_SHA256)
                    .build());
            generator.generateKeyPair();
        }
        return HolderKey.of((ECPublicKey) keyStore.getCertificate(ALIAS).getPublicKey());
    }

    @Override
    public synchronized HolderSigner signer() throws GeneralSecurityException {
        holderKey();
        PrivateKey key = (PrivateKey) keyStore().getKey(ALIAS, null);
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
