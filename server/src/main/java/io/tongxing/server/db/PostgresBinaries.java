package io.tongxing.server.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The PostgreSQL binaries the zonky artifacts carry in the jar ({@code postgres-<os>-<arch>.txz}),
 * unpacked once per machine into {@code <java.io.tmpdir>/tongxing-pg/<digest>}. Several processes may
 * unpack at once: each writes a directory of its own and renames it into place; the first rename
 * wins and the others use its result.
 */
public final class PostgresBinaries {

  private static Path installed;

  private PostgresBinaries() {
  }

  /** The directory holding {@code bin/initdb}, {@code bin/pg_ctl} and {@code bin/postgres}. Blocking. */
  public static synchronized Path installed() throws IOException {
    if (installed != null && Files.isDirectory(installed.resolve("bin"))) {
      return installed;
    }
    byte[] archive;
    try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), architecture())) {
      if (in == null) {
        throw new IOException("no PostgreSQL binaries for " + system() + " " + architecture() + " in the jar");
      }
      archive = in.readAllBytes();
    }
    Path root = Path.of(System.getProperty("java.io.tmpdir"), "tongxing-pg");
    Path target = root.resolve(digest(archive));
    if (!Files.isRegularFile(target.resolve(".complete"))) {
      Files.createDirectories(root);
      Path unpacking = root.resolve(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
      unpack(archive, unpacking);
      Files.createFile(unpacking.resolve(".complete"));
      try {
        Files.move(unpacking, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException anotherWasFaster) {
        delete(unpacking);
      }
    }
    installed = target;
    return target;
  }

  static Path bin(String program) throws IOException {
    return installed().resolve("bin").resolve(program);
  }

  private static void unpack(byte[] archive, Path into) throws IOException {
    Files.createDirectories(into);
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = into.resolve(entry.getName()).normalize();
        if (!path.startsWith(into)) {
          throw new IOException("archive entry outside its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
          Files.createDirectories(path.getParent());
          Files.copy(into.resolve(entry.getLinkName()), path);
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path);
          if ((entry.getMode() & 0100) != 0 || entry.getName().matches("(\\./)?bin/.*")) {
            path.toFile().setExecutable(true, false);
          }
        }
      }
    }
  }

  private static String system() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    return os.contains("mac") ? "Darwin" : os.contains("win") ? "Windows" : "Linux";
  }

  private static String architecture() {
    String arch = System.getProperty("os.arch");
    return "amd64".equals(arch) ? "x86_64" : arch;
  }

  private static String digest(byte[] archive) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void delete(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
