package io.tongxing.app.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tongxing.qr.QrText;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hardware scanners type the code and Enter; the wedge turns keystrokes back into the code. */
class KeyboardWedgeTest {
    private final KeyboardWedge wedge = new KeyboardWedge();

    @Test
    void enterCompletesWhatWasTypedAndStartsAfresh() {
        assertEquals(Optional.empty(), type("TX1:0123"));
        assertEquals(Optional.of("TX1:0123"), wedge.typed('\n'));
        assertEquals(Optional.empty(), type("45"));
        assertEquals(Optional.of("45"), wedge.typed('\r'));
    }

    @Test
    void enterAloneOrTheSecondHalfOfCrLfIsIgnored() {
        type("abc");
        assertEquals(Optional.of("abc"), wedge.typed('\r'));
        assertEquals(Optional.empty(), wedge.typed('\n'));
    }

    @Test
    void endlessInputIsCutJustPastTheLimitSoTheVerifierRefusesIt() {
        for (int i = 0; i < QrText.MAX_LENGTH * 3; i++) {
            wedge.typed('7');
        }
        assertEquals(QrText.MAX_LENGTH + 1, wedge.typed('\n').get().length());
    }

    @Test
    void leavingTheScreenForgetsAHalfTypedCode() {
        type("TX1:99");
        wedge.clear();
        assertEquals(Optional.empty(), wedge.typed('\n'));
    }

    private Optional<String> type(String text) {
        Optional<String> last = Optional.empty();
        for (char c : text.toCharArray()) {
            last = wedge.typed(c);
        }
        return last;
    }
}
