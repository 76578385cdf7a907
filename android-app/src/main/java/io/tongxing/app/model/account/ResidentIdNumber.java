package io.tongxing.app.model.account;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The checks the home server makes on an 18-character resident ID number (GB 11643-1999), made on the
 * phone first so a typo is pointed out before anything is sent: 17 digits and a check character, a known
 * province, a real birth date (from 1880, not after today) and the ISO 7064 MOD 11-2 check character.
 */
public final class ResidentIdNumber {

    /** What is wrong with a number, in the order the server looks. */
    public enum Problem { FORMAT, PROVINCE, BIRTH_DATE, FUTURE_BIRTH_DATE, CHECK_CHARACTER }

    /** GB/T 2260 province prefixes, with Taiwan (71), Hong Kong (81) and Macao (82). */
    private static final Set<String> PROVINCES = new HashSet<>(Arrays.asList(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
            "71", "81", "82"));
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    private static final DateTimeFormatter BIRTH =
            DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1880, 1, 1);

    private ResidentIdNumber() {
    }

    /** Trimmed, with a lower-case x as the server stores it (upper case). */
    public static String normalize(String typed) {
        return typed.trim().toUpperCase(Locale.ROOT);
    }

    /** The first problem with {@code typed} on {@code today}, or empty if the server will accept its form. */
    public static Optional<Problem> problem(String typed, LocalDate today) {
        String id = normalize(typed);
        if (!id.matches("[0-9]{17}[0-9X]")) {
            return Optional.of(Problem.FORMAT);
        }
        if (!PROVINCES.contains(id.substring(0, 2))) {
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
            return Optional.of(Problem.CHECK_CHARACTER);
        }
        return Optional.empty();
    }

    /** The check character that completes 17 digits. */
    static char checkCharacter(String digits) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += Character.digit(digits.charAt(i), 10) * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }
}
