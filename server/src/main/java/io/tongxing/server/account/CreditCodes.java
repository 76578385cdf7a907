package io.tongxing.server.account;

import java.util.Locale;
import java.util.Optional;

/**
 * The 18-character unified social credit code of GB 32100-2015: registration authority, entity
 * type, a six-digit GB/T 2260 code, the nine-character organization code and a check character.
 * The alphabet has 31 characters (no I, O, Z, S, V); the check is weighted mod 31.
 */
public final class CreditCodes {

  public enum Problem {
    FORMAT,
    CHECK_CHARACTER
  }

  private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

  private CreditCodes() {
  }

  public static String normalize(String code) {
    return code.trim().toUpperCase(Locale.ROOT);
  }

  public static Optional<Problem> problem(String code) {
    String c = normalize(code);
    if (c.length() != 18 || !c.substring(2, 8).matches("[0-9]{6}")) {
      return Optional.of(Problem.FORMAT);
    }
    for (int i = 0; i < 18; i++) {
      if (ALPHABET.indexOf(c.charAt(i)) < 0) {
        return Optional.of(Problem.FORMAT);
      }
    }
    return c.charAt(17) == checkCharacter(c.substring(0, 17)) ? Optional.empty() : Optional.of(Problem.CHECK_CHARACTER);
  }

  public static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
    }
    int check = 31 - sum % 31;
    return ALPHABET.charAt(check == 31 ? 0 : check);
  }
}
