package io.tongxing.app.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The broadcast a hardware scanner sends: what the officer types is taken only if it names an action and extra. */
class ScannerBroadcastTest {

    @Test
    void zebraAndHoneywellNamesAreTakenTrimmed() {
        assertEquals(Optional.of(new ScannerBroadcast("com.honeywell.decode.intent.action.EDIT_DATA", "data")),
                ScannerBroadcast.parse(" com.honeywell.decode.intent.action.EDIT_DATA ", "data "));
        assertEquals("com.symbol.datawedge.data_string", ScannerBroadcast.DEFAULT.extra());
    }

    @ParameterizedTest
    @CsvSource({"'', data", "com.example.SCAN, ''", "com.example SCAN, data", "com..example, data",
            "com.example.SCAN, data;rm", "1com.example, data"})
    void anythingElseIsRefused(String action, String extra) {
        assertEquals(Optional.empty(), ScannerBroadcast.parse(action, extra));
        assertThrows(IllegalArgumentException.class, () -> new ScannerBroadcast(action, extra));
    }
}
