package io.tongxing.token.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NumericDatesTest {

    @Test
    void integerSecondsAreReadAsSeconds() {
        assertEquals(Instant.ofEpochSecond(1_763_800_000L), NumericDates.read(1_763_800_000L, "exp"));
    }

    @Test
    void millisecondsAreRecognizedByTheirSize() {
        assertEquals(Instant.ofEpochMilli(1_763_800_000_123L), NumericDates.read(1_763_800_000_123L, "exp"));
    }

    @Test
    void fractionsAreKeptNotRounded() {
        assertEquals(Instant.ofEpochSecond(1_763_800_000L, 500_000_000), NumericDates.read(1_763_800_000.5, "exp"));
        assertEquals(Instant.ofEpochMilli(1_763_800_000_250L), NumericDates.read(1_763_800_000_250.0, "exp"));
    }

    @Test
    void negativeHugeAndNonNumericValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NumericDates.read(-1L, "exp"));
        assertThrows(IllegalArgumentException.class, () -> NumericDates.read(1e300, "exp"));
        assertThrows(IllegalArgumentException.class, () -> NumericDates.read(Double.NaN, "exp"));
        assertThrows(IllegalArgumentException.class, () -> NumericDates.read("1763800000", "exp"));
    }
}
