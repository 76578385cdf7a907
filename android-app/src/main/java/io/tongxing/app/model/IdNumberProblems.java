package io.tongxing.app.model;

import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.identity.ResidentIdNumbers;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What is wrong with a typed resident ID number, in the person's words: the checks of GB 11643 that shared's
 * {@link ResidentIdNumbers} makes (and the server makes again), each with its own message, for every form that
 * takes an ID number (registration, a family member, the officer's ID-number check).
 */
public final class IdNumberProblems {
    private IdNumberProblems() {
    }

    /** The first problem with {@code typed} on {@code today}, or empty if it is a valid number. */
    public static Optional<String> of(String typed, LocalDate today, Localizer words) {
        return ResidentIdNumbers.problem(typed, today).map(problem -> words.text(text(problem)));
    }

    private static Text text(ResidentIdNumbers.Problem problem) {
        switch (problem) {
            case FORMAT:
                return Text.REGISTER_ID_FORMAT;
            case PROVINCE:
                return Text.REGISTER_ID_PROVINCE;
            case BIRTH_DATE:
                return Text.REGISTER_ID_BIRTH_DATE;
            case FUTURE_BIRTH_DATE:
                return Text.REGISTER_ID_FUTURE_BIRTH_DATE;
            default:
                return Text.REGISTER_ID_CHECK;
        }
    }
}
