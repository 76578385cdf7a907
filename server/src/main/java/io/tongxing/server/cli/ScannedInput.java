package io.tongxing.server.cli;

import io.tongxing.qr.QrScanner;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns {@code verify}'s argument into what was scanned. It may be QR text or a compact JWS, a QR
 * image (PNG, JPEG, GIF, BMP), a text file, or {@code -} for standard input. Whitespace around text
 * is dropped (editors and shells add line breaks and spaces); nothing inside is touched, so the
 * verifier judges exactly what the code holds.
 *
 * <p>Something that cannot be read is not a forgery: a path that names no file, an image without a
 * QR code, are {@link CliProblem}s (exit status 3, "nothing was verified"), never a STOP.
 */
final class ScannedInput {

  private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp");
  /** {@code TX1:}, {@code HC1:}, {@code https:}: a scheme, so scanned text rather than a path. */
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);
  private static final Pattern EXTENSION = Pattern.compile(".*\\.[A-Za-z][A-Za-z0-9]{0,4}", Pattern.DOTALL);
  /** A QR holds at most ~3 KB; a file many times that is not a scanned code and is not read whole. */
  private static final int MAX_FILE_BYTES = 1 << 16;

  private ScannedInput() {
  }

  static Scan read(String argument, InputStream stdin) throws CliProblem {
    if (argument.equals("-")) {
      try {
        return new Scan.Bytes(stripped(stdin.readNBytes(MAX_FILE_BYTES + 1)));
      } catch (IOException e) {
        throw new CliProblem("input.stdinUnreadable");
      }
    }
    Path path = pathOf(argument);
    if (path != null && Files.isDirectory(path)) {
      throw new CliProblem("input.directory", argument);
    }
    if (path != null && Files.isRegularFile(path)) {
      return file(path, argument);
    }
    if (looksLikePath(argument)) {
      throw new CliProblem("input.noSuchFile", argument);
    }
    return new Scan.Text(argument.strip());
  }

  /**
   * A mistyped file name must not be verified as if it were scanned text (and stopped as "not a
   * Tongxing code"). Text that starts like a code or a URL is text; anything else with a directory
   * separator or a file extension is taken for a path.
   */
  static boolean looksLikePath(String argument) {
    String text = argument.strip();
    if (text.startsWith("eyJ") || SCHEME.matcher(text).matches()) {
      return false;
    }
    return text.contains("/") || text.contains("\\") || text.startsWith("~") || EXTENSION.matcher(text).matches();
  }

  private static Path pathOf(String argument) {
    if (argument.length() > 4096) {
      return null;
    }
    try {
      return Path.of(argument);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private static Scan file(Path path, String argument) throws CliProblem {
    try {
      if (isImage(path)) {
        return new Scan.Text(qrText(path, argument));
      }
      try (InputStream in = Files.newInputStream(path)) {
        return new Scan.Bytes(stripped(in.readNBytes(MAX_FILE_BYTES + 1)));
      }
    } catch (IOException e) {
      throw new CliProblem("input.unreadable", argument);
    }
  }

  private static boolean isImage(Path path) throws IOException {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    if (dot >= 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1))) {
      return true;
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] head = in.readNBytes(8);
      return startsWith(head, 0x89, 'P', 'N', 'G') || startsWith(head, 0xFF, 0xD8, 0xFF);
    }
  }

  private static String qrText(Path path, String argument) throws CliProblem {
    BufferedImage image;
    try {
      image = ImageIO.read(path.toFile());
    } catch (IOException | RuntimeException e) {
      image = null;
    }
    if (image == null) {
      throw new CliProblem("input.notAnImage", argument);
    }
    int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    return new QrScanner().scanArgb(pixels, image.getWidth(), image.getHeight()).map(String::strip)
      .orElseThrow(() -> new CliProblem("input.noQrCode", argument));
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The bytes without ASCII whitespace around them. */
  private static byte[] stripped(byte[] bytes) {
    int start = 0;
    int end = bytes.length;
    while (start < end && isWhitespace(bytes[start])) {
      start++;
    }
    while (end > start && isWhitespace(bytes[end - 1])) {
      end--;
    }
    return Arrays.copyOfRange(bytes, start, end);
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }
}
