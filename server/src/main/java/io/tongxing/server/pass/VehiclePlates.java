package io.tongxing.server.pass;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Chinese motor-vehicle plates of GA 36-2018: a province character, the issuing authority's letter,
 * then five characters (ordinary plates; the last may be 挂 for a trailer, 学 for a driving-school
 * car) or six (new-energy plates: D or F and five more, or five digits and D or F). Letters never
 * include I or O. No maintained Java library checks these, and the rule is one regular expression.
 */
public final class VehiclePlates {

  private static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
  private static final String LETTER = "[A-HJ-NP-Z]";
  private static final String ALNUM = "[A-HJ-NP-Z0-9]";
  private static final Pattern PLATE = Pattern.compile("[" + PROVINCES + "]" + LETTER + "(?:"
    + ALNUM + "{4}[A-HJ-NP-Z0-9挂学]"                 // ordinary: 京A12345, 冀B1234挂
    + "|[DF]" + ALNUM + "[0-9]{4}"                   // small new-energy: 京AD12345
    + "|[0-9]{5}[DF])");                              // large new-energy: 沪A12345D

  private VehiclePlates() {
  }

  /** The plate as written on the vehicle: upper case, without spaces or the middle dot (京A·12345). */
  public static String normalize(String plate) {
    return plate.replaceAll("[\\s·•.\\-]", "").toUpperCase(Locale.ROOT);
  }

  /** The normalized plate, or empty if it is not a plate of GA 36-2018. */
  public static Optional<String> parse(String plate) {
    if (plate == null) {
      return Optional.empty();
    }
    String normalized = normalize(plate);
    return PLATE.matcher(normalized).matches() ? Optional.of(normalized) : Optional.empty();
  }
}
