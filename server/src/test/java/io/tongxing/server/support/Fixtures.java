package io.tongxing.server.support;

import io.tongxing.server.account.CreditCodes;
import io.tongxing.identity.ResidentIdNumbers;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Fresh, valid identity numbers, phones and credit codes, different in every call. */
public final class Fixtures {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  private Fixtures() {
  }

  public static String idNumber() {
    LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(RANDOM.nextInt(365 * 50));
    String first17 = "110105" + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", RANDOM.nextInt(1000));
    return first17 + ResidentIdNumbers.checkCharacter(first17);
  }

  /** Same as {@link #idNumber()} but with a wrong check character. */
  public static String idNumberWithWrongCheckDigit() {
    String valid = idNumber();
    char wrong = valid.charAt(17) == '1' ? '2' : '1';
    return valid.substring(0, 17) + wrong;
  }

  public static String phone() {
    return "139" + String.format("%08d", RANDOM.nextInt(100_000_000));
  }

  public static String creditCode() {
    StringBuilder code = new StringBuilder("91110108");
    for (int i = 0; i < 9; i++) {
      code.append(CREDIT_ALPHABET.charAt(RANDOM.nextInt(CREDIT_ALPHABET.length())));
    }
    return code.append(CreditCodes.checkCharacter(code.toString())).toString();
  }

  public static String username() {
    return "staff" + Integer.toString(RANDOM.nextInt(Integer.MAX_VALUE), 36);
  }

  public static String ipAddress() {
    return "10." + RANDOM.nextInt(256) + "." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(254));
  }
}
