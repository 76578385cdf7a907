package io.tongxing.server.crypto;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FieldCipherTest {

  private final FieldCipher cipher = new FieldCipher(KeyMaterial.random(new SecureRandom()), new SecureRandom());

  @Test
  void decryptsWhatItEncrypted() {
    byte[] sealed = cipher.encrypt("11010519491231002X", "resident.id_number", "row-1");

    assertEquals("11010519491231002X", cipher.decrypt(sealed, "resident.id_number", "row-1"));
  }

  @Test
  void theSameValueEncryptsDifferentlyEachTime() {
    assertFalse(java.util.Arrays.equals(cipher.encrypt("13812345678", "resident.phone", "row-1"),
      cipher.encrypt("13812345678", "resident.phone", "row-1")));
  }

  @Test
  void aCiphertextMovedToAnotherRowOrFieldDoesNotDecrypt() {
    byte[] sealed = cipher.encrypt("13812345678", "resident.phone", "row-1");

    assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "resident.phone", "row-2"));
    assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "resident.id_number", "row-1"));
  }

  @Test
  void anAlteredCiphertextDoesNotDecrypt() {
    byte[] sealed = cipher.encrypt("13812345678", "resident.phone", "row-1");
    sealed[sealed.length - 1] ^= 1;

    assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "resident.phone", "row-1"));
  }

  @Test
  void anotherKeyCannotDecrypt() {
    byte[] sealed = cipher.encrypt("13812345678", "resident.phone", "row-1");
    FieldCipher other = new FieldCipher(KeyMaterial.random(new SecureRandom()), new SecureRandom());

    assertThrows(IllegalStateException.class, () -> other.decrypt(sealed, "resident.phone", "row-1"));
  }

  @Test
  void lookupHashesAreStablePerFieldAndKey() {
    assertArrayEquals(cipher.lookupHash("resident.phone", "13812345678"), cipher.lookupHash("resident.phone", "13812345678"));
    assertFalse(java.util.Arrays.equals(cipher.lookupHash("resident.phone", "13812345678"),
      cipher.lookupHash("resident.id_number", "13812345678")));
    FieldCipher other = new FieldCipher(KeyMaterial.random(new SecureRandom()), new SecureRandom());
    assertFalse(java.util.Arrays.equals(cipher.lookupHash("resident.phone", "13812345678"),
      other.lookupHash("resident.phone", "13812345678")));
  }

  @Test
  void keysMustBe256BitsAndDistinct() {
    byte[] key = new byte[32];
    assertThrows(IllegalStateException.class, () -> new KeyMaterial(new byte[16], new byte[32], new byte[32]));
    assertThrows(IllegalStateException.class, () -> new KeyMaterial(key, key, new byte[32]));
  }
}
