package io.tongxing.app.storage;

import io.tongxing.app.platform.SecureStore;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A {@link SecureStore} of one file per name, each AES-256-GCM encrypted with a key the platform holds:
 * on Android a Keystore key that never leaves secure hardware, in tests a software key. The name is bound
 * in as associated data, so one value's file cannot be swapped in for another's. Writes go to a temporary
 * file that is synced and then renamed over the old one: a crash leaves the old value or the new one.
 *
 * <p>File layout: {@code 0x01}, IV length, IV, ciphertext with its 128-bit tag. The IV is the one the
 * cipher chooses (Android's Keystore refuses caller-chosen IVs, which is as it should be).
 */
public final class EncryptedFileStore implements SecureStore {
    private static final byte FORMAT = 1;
    private static final int TAG_BITS = 128;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final File directory;
    private final KeySource keys;

    /** Where the encryption key comes from; asked on each use, so a Keystore key is never cached here. */
    @FunctionalInterface
    public interface KeySource {
        SecretKey key() throws GeneralSecurityException;
    }

    public EncryptedFileStore(File directory, KeySource keys) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public synchronized Optional<byte[]> read(String name) throws IOException {
        File file = file(name);
        if (!file.exists()) {
            return Optional.empty();
        }
        byte[] stored = readFully(file);
        if (stored.length < 2 || stored[0] != FORMAT || stored.length < 2 + stored[1] + TAG_BITS / 8) {
            throw new IOException("stored value " + name + " is not in the expected format");
        }
        int ivLength = stored[1];
        byte[] iv = Arrays.copyOfRange(stored, 2, 2 + ivLength);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, keys.key(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(name));
            return Optional.of(cipher.doFinal(stored, 2 + ivLength, stored.length - 2 - ivLength));
        } catch (AEADBadTagException e) {
            throw new IOException("stored value " + name + " was altered or encrypted under another key", e);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot decrypt stored value " + name, e);
        }
    }

    @Override
    public synchronized void write(String name, byte[] value) throws IOException {
        File file = file(name);
        byte[] sealed;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.key());
            cipher.updateAAD(associatedData(name));
            byte[] ciphertext = cipher.doFinal(value);
            byte[] iv = cipher.getIV();
            sealed = new byte[2 + iv.length + ciphertext.length];
            sealed[0] = FORMAT;
            sealed[1] = (byte) iv.length;
            System.arraycopy(iv, 0, sealed, 2, iv.length);
            System.arraycopy(ciphertext, 0, sealed, 2 + iv.length, ciphertext.length);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encrypt value " + name, e);
        }
        if (!directory.isDirectory() && !directory.mkdirs()) {
            throw new IOException("cannot create " + directory);
        }
        File temporary = new File(directory, name + ".tmp");
        try (FileOutputStream out = new FileOutputStream(temporary)) {
            out.write(sealed);
            out.getFD().sync();
        }
        if (!temporary.renameTo(file)) {
            throw new IOException("cannot replace " + file);
        }
    }

    @Override
    public synchronized void delete(String name) throws IOException {
        File file = file(name);
        if (file.exists() && !file.delete()) {
            throw new IOException("cannot delete " + file);
        }
    }

    private File file(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a stored value's name is lower-case letters, digits, - and _");
        }
        return new File(directory, name + ".sealed");
    }

    private static byte[] associatedData(String name) {
        return ("tx-store1:" + name).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] readFully(File file) throws IOException {
        try (InputStream in = new FileInputStream(file)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }
}
