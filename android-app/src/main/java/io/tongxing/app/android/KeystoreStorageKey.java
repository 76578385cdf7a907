package io.tongxing.app.android;

import android.security.keystore.KeyGenParameterSpec;
import android.security.keystore.KeyProperties;
import io.tongxing.app.storage.EncryptedFileStore;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/** The AES-256-GCM key of the encrypted store, made in and kept by the Android Keystore. */
final class KeystoreStorageKey implements EncryptedFileStore.KeySource {
    private static final String ALIAS = "tongxing-storage-key";

    @Override
    public synchronized SecretKey key() throws GeneralSecurityException {
        KeyStore keyStore = KeystoreSigningKey.open();
        if (!keyStore.containsAlias(ALIAS)) {
            KeyGenerator generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, KeystoreSigningKey.KEYSTORE);
            generator.init(new KeyGenParameterSpec.Builder(ALIAS,
                    KeyProperties.PURPOSE_ENCRYPT | KeyProperties.PURPOSE_DECRYPT)
                    .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
                    .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
                    .setKeySize(256)
                    .build());
            return generator.generateKey();
        }
        return (SecretKey) keyStore.getKey(ALIAS, null);
    }
}
