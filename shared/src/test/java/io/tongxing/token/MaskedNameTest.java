package io.tongxing.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskedNameTest {

    @ParameterizedTest
    @CsvSource({
        "张三, 张*",
        "张小三, 张*三",
        "欧阳娜娜, 欧*娜",
        "买买提·艾力, 买*力",
        "John Smith, J*h",
        "王, *",
        "' 李 华 ', 李*华",
        "𠀋𠀌𠀍, 𠀋*𠀍"
    })
    void keepsTheFirstAndLastCharacterOnly(String name, String masked) {
        assertEquals(masked, MaskedName.of(name));
    }

    @Test
    void charactersThatWouldNotShowAsThemselvesNeverReachTheMask() {
        assertEquals("张*三", MaskedName.of("\u202e张小三\u200b"), "a right-to-left override and a zero-width space");
        assertEquals("李*华", MaskedName.of("李小\u0085华\u2066"), "a C1 control inside, an isolate at the end");
        assertTrue(DisplayText.isPlain(MaskedName.of("\ud842张三")), "half a surrogate pair");
    }

    @Test
    void anEmptyNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MaskedName.of("   "));
    }
}
