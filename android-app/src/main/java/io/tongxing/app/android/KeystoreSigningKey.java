package io.tongxing.app.android;

import android.security.keystore.KeyGenParameterSpec;
import android.security.keystore.KeyProperties;
import io.tongxing.app.platform.DeviceKeyStore;
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

/**
 * A P-256 signing key in the Android Keystore under one alias: signing only, never exportable. The phone's
 * holder key (made once, on first use) and the checkpoint's device key (made anew for every enrollment) are
 * two of these.
 */
final class KeystoreSigningKey implements HolderKeyStore, DeviceKeyStore {
    static final String KEYSTORE = "AndroidKeyStore";
    static final String HOLDER = "tongxing-holder-key";
    static final String DEVICE = "tongxing-device-key";

    private final String alias;

    KeystoreSigningKey(String alias) {
        this.alias = alias;
    }

    /** The key, made on first use. */
    @Override
    public synchronized HolderKey holderKey() throws GeneralSecurityException {
        KeyStore keyStore = open();
        if (!keyStore.containsAlias(alias)) {
            generate();
        }
        return publicHalf(keyStore);
    }

    /** Replaces the key with a new pair (the server never takes a device key twice). */
    @Override
    public synchronized HolderKey newKey() throws GeneralSecurityException {
        KeyStore keyStore = open();
        if (keyStore.containsAlias(alias)) {
            keyStore.deleteEntry(alias);
        }
        generate();
        return publicHalf(open());
    }

    @Override
    public synchronized HolderSigner signer() throws GeneralSecurityException {
        PrivateKey key = (PrivateKey) open().getKey(alias, null);
        if (key == null) {
            throw new GeneralSecurityException("this phone has no key " + alias);
        }
        return HolderSigner.of(key, null);
    }

    private void generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(KeyProperties.KEY_ALGORITHM_EC, KEYSTORE);
        generator.initialize(new KeyGenParameterSpec.Builder(alias, KeyProperties.PURPOSE_SIGN)
                .setAlgorithmParameterSpec(new ECGenParameterSpec("secp256r1"))
                .setDigests(KeyProperties.DIGEST_SHA256)
                .build());
        generator.generateKeyPair();
    }

    private HolderKey publicHalf(KeyStore keyStore) throws GeneralSecurityException {
        return HolderKey.of((ECPublicKey) keyStore.getCertificate(alias).getPublicKey());
    }

    /** The Android Keystore, loaded (it has no password; the platform guards it). */
    static KeyStore open() throws GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance(KEYSTORE);
        try {
            keyStore.load(null);
        } catch (IOException e) {
            throw new GeneralSecurityException("the Android Keystore cannot be opened", e);
        }
        return keyStore;
    }
}
