package io.tongxing.app.model.resident;

import io.tongxing.token.RegionCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A validated daily check-in, as submitted: the day, the temperature in °C, the symptoms (empty: none),
 * and the counties visited in the last 14 days with the date of each visit.
 */
public record CheckIn(LocalDate day, BigDecimal temperature, Set<Symptom> symptoms, List<Visit> visits) {
    public CheckIn {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(temperature, "temperature");
        symptoms = Collections.unmodifiableSet(symptoms.isEmpty() ? EnumSet.noneOf(Symptom.class) : EnumSet.copyOf(symptoms));
        visits = Collections.unmodifiableList(new ArrayList<>(visits));
    }

    /** A county-level GB/T 2260 code and the day it was visited. */
    public record Visit(RegionCode county, LocalDate date) {
        public Visit {
            Objects.requireNonNull(county, "county");
            Objects.requireNonNull(date, "date");
        }
    }
}
