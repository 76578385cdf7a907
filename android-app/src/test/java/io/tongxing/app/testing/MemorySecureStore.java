package io.tongxing.app.testing;

import io.tongxing.app.platform.SecureStore;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A SecureStore in memory, for model tests (EncryptedFileStoreTest covers the real one). */
public final class MemorySecureStore implements SecureStore {
    private final Map<String, byte[]> values = new HashMap<>();
    public volatile boolean failing;

    @Override
    public synchronized Optional<byte[]> read(String name) throws IOException {
        if (failing) {
            throw new IOException("storage failure (test)");
        }
        byte[] value = values.get(name);
        return value == null ? Optional.empty() : Optional.of(value.clone());
    }

    @Override
    public synchronized void write(String name, byte[] value) throws IOException {
        if (failing) {
            throw new IOException("storage failure (test)");
        }
        values.put(name, value.clone());
    }

    @Override
    public synchronized void delete(String name) {
        values.remove(name);
    }

    public synchronized boolean contains(String name) {
        return values.containsKey(name);
    }
}
