package io.tongxing.server.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded PostgreSQL's password: 32 random bytes (base64url), generated on first start into a
 * file readable by the server's user alone (0600), kept beside the server keys. Lose it and the next
 * start generates a new one and sets it (see {@link EmbeddedDatabase}).
 *
 * @param created whether this start generated it
 */
record DatabasePassword(Path file, String value, boolean created) {

  static DatabasePassword at(Path file, SecureRandom random) throws IOException {
    if (Files.isRegularFile(file)) {
      String value = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (!value.isEmpty()) {
        return new DatabasePassword(file, value, false);
      }
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String value = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path draft = parent.resolve(file.getFileName() + ".new");
    Files.deleteIfExists(draft);
    try {
      Files.createFile(draft, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(draft);
    } catch (FileAlreadyExistsException raced) {
      throw new IOException("another process is writing " + draft, raced);
    }
    Files.writeString(draft, value, StandardCharsets.UTF_8);
    Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return new DatabasePassword(file, value, true);
  }
}
