package io.tongxing.identity;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/** GB/T 2260 administrative division codes: provinces and county-level divisions (server and app). */
public final class RegionCodes {

  /** Province-level prefixes, including Taiwan (71), Hong Kong (81) and Macao (82). */
  private static final Set<String> PROVINCES = Collections.unmodifiableSet(new HashSet<>(Arrays.asList(
    "11", "12", "13", "14", "15",
    "21", "22", "23",
    "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46",
    "50", "51", "52", "53", "54",
    "61", "62", "63", "64", "65",
    "71", "81", "82")));

  private RegionCodes() {
  }

  public static boolean knownProvince(String code) {
    return code != null && code.length() >= 2 && PROVINCES.contains(code.substring(0, 2));
  }

  /** Six digits, a known province, and a county part that is not 00 (which would name a city or province). */
  public static boolean isCounty(String code) {
    return code != null && code.matches("[0-9]{6}") && knownProvince(code) && !code.endsWith("00");
  }

  /** Six digits with a known province: a province, city or county. */
  public static boolean isRegion(String code) {
    return code != null && code.matches("[0-9]{6}") && knownProvince(code);
  }
}
