package io.tongxing.app.platform;

import java.io.IOException;
import java.util.Optional;

/**
 * Small named values kept encrypted at rest: the last tokens a resident received, a checkpoint's synced
 * data and its high-water mark. On Android the key is an AES-GCM key in the Android Keystore that never
 * leaves it ({@code io.tongxing.app.storage.EncryptedFileStore} does the rest, and is tested on the JVM).
 * A value that was tampered with reads as an error, never as other data.
 */
public interface SecureStore {

    Optional<byte[]> read(String name) throws IOException;

    /** Replaces the value atomically: after a crash the old or the new value is there, never a mix. */
    void write(String name, byte[] value) throws IOException;

    void delete(String name) throws IOException;
}
