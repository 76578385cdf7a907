package io.tongxing.server.crypto;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * Encrypts personal fields (identity and phone numbers) with AES-256-GCM and derives the keyed
 * hashes (HMAC-SHA256, separate key) by which they are found. The associated data binds each
 * ciphertext to its field and row, so a ciphertext copied into another row does not decrypt.
 */
public final class FieldCipher {

  private static final byte FORMAT_VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec dataKey;
  private final SecretKeySpec lookupKey;
  private final SecureRandom random;

  public FieldCipher(KeyMaterial keys, SecureRandom random) {
    this.dataKey = new SecretKeySpec(keys.dataKey(), "AES");
    this.lookupKey = new SecretKeySpec(keys.lookupKey(), "HmacSHA256");
    this.random = random;
  }

  /** Returns version ‖ nonce ‖ ciphertext ‖ tag. */
  public byte[] encrypt(String plaintext, String field, String rowId) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(field, rowId));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT_VERSION).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  public String decrypt(byte[] blob, String field, String rowId) {
    if (blob.length < 1 + NONCE_BYTES + TAG_BITS / 8 || blob[0] != FORMAT_VERSION) {
      throw new IllegalStateException("unknown ciphertext format for " + field);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, blob, 1, NONCE_BYTES));
      cipher.updateAAD(associatedData(field, rowId));
      byte[] plain = cipher.doFinal(blob, 1 + NONCE_BYTES, blob.length - 1 - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot decrypt " + field + " (wrong key or altered data)", e);
    }
  }

  /** The keyed hash by which a field value is looked up; equal values give equal hashes. */
  public byte[] lookupHash(String field, String normalizedValue) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(lookupKey);
      mac.update(field.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(normalizedValue.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static byte[] associatedData(String field, String rowId) {
    return (field + "\u0000" + rowId).getBytes(StandardCharsets.UTF_8);
  }
}
