package io.tongxing.app.android;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.security.InvalidAlgorithmParameterException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.KeyStoreSpi;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.KeyGeneratorSpi;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for the Android Keystore, which Robolectric lacks: a JCA provider named "AndroidKeyStore" with
 * an EC key-pair generator, an AES key generator and a key store kept in memory, taking the same
 * KeyGenParameterSpec the app passes. The keys live as long as this provider, so they survive a simulated
 * process death, as the real Keystore's do. Tests only: nothing here protects a key.
 */
final class TestKeyStore extends Provider {
    private static final long serialVersionUID = 1L;
    /** alias → a private key with its "certificate", or a secret key. */
    final transient Map<String, Object[]> entries = new ConcurrentHashMap<>();

    private TestKeyStore() {
        super("AndroidKeyStore", "1.0", "test stand-in for the Android Keystore");
        putService(new Service(this, "KeyStore", "AndroidKeyStore", Store.class.getName(), null, null) {
            @Override
            public Object newInstance(Object parameter) {
                return new Store(entries);
            }
        });
        putService(new Service(this, "KeyPairGenerator", "EC", Pairs.class.getName(), null, null) {
            @Override
            public Object newInstance(Object parameter) {
                return new Pairs(entries);
            }
        });
        putService(new Service(this, "KeyGenerator", "AES", Secrets.class.getName(), null, null) {
            @Override
            public Object newInstance(Object parameter) {
                return new Secrets(entries);
            }
        });
    }

    /** Installs a new, empty key store in place of any earlier one. */
    static TestKeyStore install() {
        Security.removeProvider("AndroidKeyStore");
        TestKeyStore provider = new TestKeyStore();
        Security.addProvider(provider);
        return provider;
    }

    /** The alias a KeyGenParameterSpec names (read reflectively: each Robolectric sandbox has its own class). */
    private static String alias(AlgorithmParameterSpec spec) throws InvalidAlgorithmParameterException {
        try {
            Method alias = spec.getClass().getMethod("getKeystoreAlias");
            return (String) alias.invoke(spec);
        } catch (ReflectiveOperationException e) {
            throw new InvalidAlgorithmParameterException("not a KeyGenParameterSpec: " + spec);
        }
    }

    /** Holds a public key where the Keystore would hold a self-signed certificate. */
    static final class PublicKeyCertificate extends Certificate {
        private static final long serialVersionUID = 1L;
        private final PublicKey key;

        PublicKeyCertificate(PublicKey key) {
            super("X.509");
            this.key = key;
        }

        @Override
        public byte[] getEncoded() {
            return key.getEncoded();
        }

        @Override
        public void verify(PublicKey publicKey) {
            throw new UnsupportedOperationException("test certificate");
        }

        @Override
        public void verify(PublicKey publicKey, String provider) {
            throw new UnsupportedOperationException("test certificate");
        }

        @Override
        public String toString() {
            return "test certificate for " + key;
        }

        @Override
        public PublicKey getPublicKey() {
            return key;
        }
    }

    public static final class Store extends KeyStoreSpi {
        private final Map<String, Object[]> entries;

        Store(Map<String, Object[]> entries) {
            this.entries = entries;
        }

        @Override
        public Key engineGetKey(String alias, char[] password) {
            Object[] entry = entries.get(alias);
            return entry == null ? null : (Key) entry[0];
        }

        @Override
        public Certificate[] engineGetCertificateChain(String alias) {
            Certificate certificate = engineGetCertificate(alias);
            return certificate == null ? null : new Certificate[] {certificate};
        }

        @Override
        public Certificate engineGetCertificate(String alias) {
            Object[] entry = entries.get(alias);
            return entry == null || entry.length < 2 ? null : (Certificate) entry[1];
        }

        @Override
        public Date engineGetCreationDate(String alias) {
            return entries.containsKey(alias) ? new Date(0) : null;
        }

        @Override
        public void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain) {
            entries.put(alias, chain == null ? new Object[] {key} : new Object[] {key, chain[0]});
        }

        @Override
        public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void engineSetCertificateEntry(String alias, Certificate cert) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void engineDeleteEntry(String alias) {
            entries.remove(alias);
        }

        @Override
        public Enumeration<String> engineAliases() {
            return Collections.enumeration(entries.keySet());
        }

        @Override
        public boolean engineContainsAlias(String alias) {
            return entries.containsKey(alias);
        }

        @Override
        public int engineSize() {
            return entries.size();
        }

        @Override
        public boolean engineIsKeyEntry(String alias) {
            return entries.containsKey(alias);
        }

        @Override
        public boolean engineIsCertificateEntry(String alias) {
            return false;
        }

        @Override
        public String engineGetCertificateAlias(Certificate cert) {
            return null;
        }

        @Override
        public void engineStore(OutputStream stream, char[] password) {
        }

        @Override
        public void engineLoad(InputStream stream, char[] password) {
        }
    }

    public static final class Pairs extends KeyPairGeneratorSpi {
        private final Map<String, Object[]> entries;
        private String alias;

        Pairs(Map<String, Object[]> entries) {
            this.entries = entries;
        }

        @Override
        public void initialize(int keysize, SecureRandom random) {
            throw new UnsupportedOperationException("the app names its key by a KeyGenParameterSpec");
        }

        @Override
        public void initialize(AlgorithmParameterSpec params, SecureRandom random)
                throws InvalidAlgorithmParameterException {
            alias = alias(params);
            try {
                Object spec = params.getClass().getMethod("getAlgorithmParameterSpec").invoke(params);
                if (!(spec instanceof ECGenParameterSpec) || !((ECGenParameterSpec) spec).getName().equals("secp256r1")) {
                    throw new InvalidAlgorithmParameterException("the app's keys are P-256: " + spec);
                }
            } catch (ReflectiveOperationException e) {
                throw new InvalidAlgorithmParameterException(e);
            }
        }

        @Override
        public KeyPair generateKeyPair() {
            try {
                // With the curve's parameters spelled out: inside Robolectric's sandbox SunEC cannot look it up by name.
                KeyPair pair = new ECKeyGenerator(Curve.P_256).generate().toKeyPair();
                entries.put(alias, new Object[] {pair.getPrivate(), new PublicKeyCertificate(pair.getPublic())});
                return pair;
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static final class Secrets extends KeyGeneratorSpi {
        private final Map<String, Object[]> entries;
        private String alias;
        private final SecureRandom random = new SecureRandom();

        Secrets(Map<String, Object[]> entries) {
            this.entries = entries;
        }

        @Override
        protected void engineInit(SecureRandom random) {
            throw new UnsupportedOperationException("the app names its key by a KeyGenParameterSpec");
        }

        @Override
        protected void engineInit(AlgorithmParameterSpec params, SecureRandom random)
                throws InvalidAlgorithmParameterException {
            alias = alias(params);
        }

        @Override
        protected void engineInit(int keysize, SecureRandom random) {
            throw new UnsupportedOperationException("the app names its key by a KeyGenParameterSpec");
        }

        @Override
        protected SecretKey engineGenerateKey() {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            SecretKey key = new SecretKeySpec(bytes, "AES");
            entries.put(alias, new Object[] {key});
            return key;
        }
    }
}
