package io.tongxing.server.pass;

import io.tongxing.identity.ResidentIdNumbers;

import java.time.LocalDate;
import java.util.Optional;

/** Resident ID numbers as the pass workflow receives them: checked, with the error code the API uses. */
public final class IdNumbers {

  private IdNumbers() {
  }

  /** The error code for {@code raw} ({@code INVALID_ID_NUMBER}, {@code INVALID_ID_NUMBER_CHECK_DIGIT}, ...), or empty. */
  public static Optional<String> problem(String raw, LocalDate today) {
    return ResidentIdNumbers.problem(raw, today).map(problem -> problem == ResidentIdNumbers.Problem.FORMAT
      ? "INVALID_ID_NUMBER" : "INVALID_ID_NUMBER_" + problem.name());
  }

  /** The normalized number, or a 400 naming {@code field}. */
  public static String checked(String raw, LocalDate today, String field) {
    problem(raw, today).ifPresent(code -> {
      throw Refusal.invalid(code, field);
    });
    return ResidentIdNumbers.normalize(raw);
  }

  /** The last four characters of a masked or full ID number. */
  public static String lastFour(String idNumber) {
    return idNumber.substring(idNumber.length() - 4);
  }
}
