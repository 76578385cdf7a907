package io.tongxing.qr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tongxing.qr.internal.DecimalBlocks;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalBlocksTest {

    @Test
    void anyBytesRoundTrip() {
        Random random = new Random(20261122);
        for (int length = 0; length < 300; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertArrayEquals(bytes, DecimalBlocks.decode(DecimalBlocks.encode(bytes)), "length " + length);
        }
    }

    @Test
    void extremeBlocksRoundTrip() {
        byte[] ones = new byte[15];
        java.util.Arrays.fill(ones, (byte) 0xFF);
        assertEquals("72057594037927935" + "72057594037927935" + "255", DecimalBlocks.encode(ones));
        assertArrayEquals(ones, DecimalBlocks.decode(DecimalBlocks.encode(ones)));
        assertEquals("00000000000000000" + "000", DecimalBlocks.encode(new byte[8]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "12", "1234", "256", "65536", "72057594037927936", "1234567890123456a"})
    void digitsThatEncodeNoBytesAreRefused(String digits) {
        assertThrows(IllegalArgumentException.class, () -> DecimalBlocks.decode(digits));
    }
}
