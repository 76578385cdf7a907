package io.tongxing.identity;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;

/**
 * The 18-character citizen identity number of GB 11643-1999: a six-digit GB/T 2260 address code,
 * the birth date (yyyyMMdd), a three-digit sequence and an ISO 7064 MOD 11-2 check character. The
 * server refuses what this finds; the app finds the same first, so a typo is pointed out in the form.
 */
public final class ResidentIdNumbers {

  public enum Problem {
    FORMAT,
    PROVINCE,
    BIRTH_DATE,
    FUTURE_BIRTH_DATE,
    CHECK_DIGIT
  }

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK = "10X98765432".toCharArray();
  private static final DateTimeFormatter BIRTH = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
  private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1880, 1, 1);

  private ResidentIdNumbers() {
  }

  /** Upper-cases the check character so one person has one spelling. */
  public static String normalize(String idNumber) {
    return idNumber.trim().toUpperCase(Locale.ROOT);
  }

  /** The first problem found, or empty when the number is valid on {@code today}. */
  public static Optional<Problem> problem(String idNumber, LocalDate today) {
    String id = normalize(idNumber);
    if (!id.matches("[0-9]{17}[0-9X]")) {
      return Optional.of(Problem.FORMAT);
    }
    if (!RegionCodes.knownProvince(id)) {
      return Optional.of(Problem.PROVINCE);
    }
    LocalDate birth;
    try {
      birth = LocalDate.parse(id.substring(6, 14), BIRTH);
    } catch (DateTimeException e) {
      return Optional.of(Problem.BIRTH_DATE);
    }
    if (birth.isBefore(EARLIEST_BIRTH)) {
      return Optional.of(Problem.BIRTH_DATE);
    }
    if (birth.isAfter(today)) {
      return Optional.of(Problem.FUTURE_BIRTH_DATE);
    }
    if (id.charAt(17) != checkCharacter(id.substring(0, 17))) {
      return Optional.of(Problem.CHECK_DIGIT);
    }
    return Optional.empty();
  }

  /** The check character for the first 17 digits. */
  public static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK[sum % 11];
  }

  /** "1****************X" style: the first and last characters only. */
  public static String mask(String idNumber) {
    String id = normalize(idNumber);
    StringBuilder masked = new StringBuilder(id.length()).append(id.charAt(0));
    for (int i = 1; i < id.length() - 4; i++) {
      masked.append('*');
    }
    return masked.append(id, id.length() - 4, id.length()).toString();
  }
}
