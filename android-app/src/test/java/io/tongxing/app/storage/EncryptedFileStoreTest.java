package io.tongxing.app.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encrypted store with a software AES key in place of the Android Keystore's. */
class EncryptedFileStoreTest {
    @TempDir
    Path dir;
    private SecretKey key;

    @BeforeEach
    void key() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        key = generator.generateKey();
    }

    @Test
    void whatIsWrittenReadsBackButIsNotOnDiskInTheClear() throws Exception {
        EncryptedFileStore store = new EncryptedFileStore(dir.toFile(), () -> key);
        byte[] token = "eyJraWQiOiJHR2pHUlEiLCJ0eXAiOiJoYyJ9.张*三".getBytes(StandardCharsets.UTF_8);

        store.write("resident-snapshot", token);

        assertArrayEquals(token, store.read("resident-snapshot").get());
        byte[] onDisk = Files.readAllBytes(dir.resolve("resident-snapshot.sealed"));
        assertFalse(new String(onDisk, StandardCharsets.ISO_8859_1).contains("eyJ"), "stored encrypted");
        assertEquals(Optional.empty(), store.read("never-written"));
    }

    @Test
    void aTamperedFileReadsAsAnErrorNeverAsOtherData() throws Exception {
        EncryptedFileStore store = new EncryptedFileStore(dir.toFile(), () -> key);
        store.write("checkpoint-data", "{\"high_water\":1795330800}".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("checkpoint-data.sealed");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 20] ^= 1;
        Files.write(file, bytes);

        assertThrows(IOException.class, () -> store.read("checkpoint-data"));
    }

    @Test
    void oneValuesFileCannotBeSwappedInForAnothers() throws Exception {
        EncryptedFileStore store = new EncryptedFileStore(dir.toFile(), () -> key);
        store.write("checkpoint-data", "new".getBytes(StandardCharsets.UTF_8));
        store.write("resident-snapshot", "other".getBytes(StandardCharsets.UTF_8));
        Files.copy(dir.resolve("resident-snapshot.sealed"), dir.resolve("checkpoint-data.sealed"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThrows(IOException.class, () -> store.read("checkpoint-data"));
    }

    @Test
    void anotherKeyCannotReadIt() throws Exception {
        new EncryptedFileStore(dir.toFile(), () -> key).write("resident-snapshot", new byte[] {1, 2, 3});
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        SecretKey other = generator.generateKey();

        assertThrows(IOException.class, () -> new EncryptedFileStore(dir.toFile(), () -> other).read("resident-snapshot"));
    }

    @Test
    void aRewriteReplacesTheValueAndLeavesNoTemporaryFile() throws Exception {
        EncryptedFileStore store = new EncryptedFileStore(dir.toFile(), () -> key);
        store.write("resident-snapshot", new byte[] {1});
        store.write("resident-snapshot", new byte[] {2});

        assertArrayEquals(new byte[] {2}, store.read("resident-snapshot").get());
        assertFalse(Files.exists(dir.resolve("resident-snapshot.tmp")));
        store.delete("resident-snapshot");
        assertTrue(!store.read("resident-snapshot").isPresent());
    }

    @Test
    void namesCannotEscapeTheDirectory() {
        EncryptedFileStore store = new EncryptedFileStore(dir.toFile(), () -> key);
        assertThrows(IllegalArgumentException.class, () -> store.write("../outside", new byte[0]));
    }
}
