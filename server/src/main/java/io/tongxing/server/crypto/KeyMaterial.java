package io.tongxing.server.crypto;

import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The server's three secrets, each 256 bits: the AES key for identity and phone numbers at rest,
 * the HMAC key that finds them, and the HMAC key that signs access tokens. They come from
 * configuration; only when none is configured and generation is allowed (embedded database or
 * demo) are they generated once and kept in a key file next to the data.
 */
public final class KeyMaterial {

  private static final Logger LOG = LoggerFactory.getLogger(KeyMaterial.class);
  private static final int KEY_BYTES = 32;

  private final byte[] dataKey;
  private final byte[] lookupKey;
  private final byte[] accessTokenKey;

  public KeyMaterial(byte[] dataKey, byte[] lookupKey, byte[] accessTokenKey) {
    this.dataKey = checked("dataKey", dataKey);
    this.lookupKey = checked("lookupKey", lookupKey);
    this.accessTokenKey = checked("accessTokenKey", accessTokenKey);
    if (Arrays.equals(dataKey, lookupKey) || Arrays.equals(dataKey, accessTokenKey) || Arrays.equals(lookupKey, accessTokenKey)) {
      throw new IllegalStateException("keys.dataKey, keys.lookupKey and keys.accessTokenKey must differ");
    }
  }

  public static KeyMaterial random(SecureRandom random) {
    return new KeyMaterial(bytes(random), bytes(random), bytes(random));
  }

  /**
   * Reads the keys from the {@code keys} configuration section, or from / into its key file.
   *
   * @param generationAllowed whether missing keys may be generated (embedded database, demo)
   */
  public static KeyMaterial load(JsonObject keys, boolean generationAllowed, SecureRandom random) {
    String data = keys.getString("dataKey", "");
    String lookup = keys.getString("lookupKey", "");
    String access = keys.getString("accessTokenKey", "");
    if (!data.isEmpty() || !lookup.isEmpty() || !access.isEmpty()) {
      if (data.isEmpty() || lookup.isEmpty() || access.isEmpty()) {
        throw new IllegalStateException(
          "configure all of keys.dataKey, keys.lookupKey and keys.accessTokenKey (TONGXING_DATA_KEY, TONGXING_LOOKUP_KEY, TONGXING_ACCESS_TOKEN_KEY), or none");
      }
      return new KeyMaterial(decode("dataKey", data), decode("lookupKey", lookup), decode("accessTokenKey", access));
    }
    Path file = Path.of(keys.getString("file", "data/keys.json"));
    if (Files.exists(file)) {
      return fromFile(file);
    }
    String policy = keys.getString("generateIfMissing", "auto");
    boolean generate = "true".equalsIgnoreCase(policy) || ("auto".equalsIgnoreCase(policy) && generationAllowed);
    if (!generate) {
      throw new IllegalStateException("no keys configured: set TONGXING_DATA_KEY, TONGXING_LOOKUP_KEY and "
        + "TONGXING_ACCESS_TOKEN_KEY (32 random bytes each, base64), or keys.file");
    }
    KeyMaterial generated = random(random);
    generated.writeTo(file);
    LOG.warn("GENERATED NEW SERVER KEYS in {} — identity and phone numbers are encrypted with them. "
      + "Back this file up with the database; losing it makes the stored numbers unreadable. "
      + "Production deployments configure TONGXING_DATA_KEY, TONGXING_LOOKUP_KEY and TONGXING_ACCESS_TOKEN_KEY instead.",
      file.toAbsolutePath());
    return generated;
  }

  public byte[] dataKey() {
    return dataKey.clone();
  }

  public byte[] lookupKey() {
    return lookupKey.clone();
  }

  public byte[] accessTokenKey() {
    return accessTokenKey.clone();
  }

  private static KeyMaterial fromFile(Path file) {
    try {
      JsonObject json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
      return new KeyMaterial(decode("dataKey", json.getString("dataKey", "")),
        decode("lookupKey", json.getString("lookupKey", "")),
        decode("accessTokenKey", json.getString("accessTokenKey", "")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read key file " + file, e);
    }
  }

  private void writeTo(Path file) {
    Base64.Encoder b64 = Base64.getEncoder();
    JsonObject json = new JsonObject()
      .put("dataKey", b64.encodeToString(dataKey))
      .put("lookupKey", b64.encodeToString(lookupKey))
      .put("accessTokenKey", b64.encodeToString(accessTokenKey));
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temp = Files.createTempFile(parent, "keys", ".tmp");
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system; the directory's permissions protect the file
      }
      Files.writeString(temp, json.encodePrettily(), StandardCharsets.UTF_8);
      Files.move(temp, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write key file " + file, e);
    }
  }

  private static byte[] bytes(SecureRandom random) {
    byte[] key = new byte[KEY_BYTES];
    random.nextBytes(key);
    return key;
  }

  private static byte[] decode(String name, String base64) {
    try {
      return Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("keys." + name + " is not valid base64", e);
    }
  }

  private static byte[] checked(String name, byte[] key) {
    if (key == null || key.length != KEY_BYTES) {
      throw new IllegalStateException("keys." + name + " must be " + KEY_BYTES + " bytes (base64 of 32 random bytes)");
    }
    return key.clone();
  }
}
