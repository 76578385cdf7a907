package io.tongxing.server.account;

import java.util.regex.Pattern;

/** Mainland China mobile numbers: eleven digits, 1 then 3–9. */
public final class PhoneNumbers {

  private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

  private PhoneNumbers() {
  }

  /** Accepts an optional +86 / 86 prefix, spaces and hyphens; returns the bare eleven digits. */
  public static String normalize(String phone) {
    String digits = phone.replaceAll("[\\s-]", "");
    if (digits.startsWith("+86")) {
      digits = digits.substring(3);
    } else if (digits.length() == 13 && digits.startsWith("86")) {
      digits = digits.substring(2);
    }
    return digits;
  }

  public static boolean isMobile(String phone) {
    return MOBILE.matcher(normalize(phone)).matches();
  }

  /** "138****5678". */
  public static String mask(String phone) {
    String p = normalize(phone);
    if (p.length() < 7) {
      return "***";
    }
    return p.substring(0, 3) + "****" + p.substring(p.length() - 4);
  }
}
