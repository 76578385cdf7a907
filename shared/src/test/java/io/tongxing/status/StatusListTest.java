package io.tongxing.status;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tongxing.jose.Base64Url;
import io.tongxing.testing.Json;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The examples and Appendix C test vectors of draft-ietf-oauth-status-list, and hostile lists. */
class StatusListTest {

    static Stream<Arguments> draftVectors() {
        List<Map<String, Object>> cases = cases();
        return cases.stream().map(c -> Arguments.of(c.get("name"), c));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cases() {
        return (List<Map<String, Object>>) Json.resource("/vectors/status-list/draft-test-vectors.json").get("cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("draftVectors")
    @SuppressWarnings("unchecked")
    void decodesTheDraftVectors(String name, Map<String, Object> vector) {
        int bits = ((Long) vector.get("bits")).intValue();
        StatusList list = StatusList.decode(bits, (String) vector.get("lst"));

        Map<Long, Long> expected = new HashMap<>();
        for (List<Long> entry : (List<List<Long>>) vector.get("statuses")) {
            expected.put(entry.get(0), entry.get(1));
        }
        long size = (Long) vector.get("size");
        assertEquals(size, list.size());
        for (long index = 0; index < size; index++) {
            assertEquals(expected.getOrDefault(index, 0L).intValue(), list.get(index), "status[" + index + "]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("draftVectors")
    @SuppressWarnings("unchecked")
    void encodesTheDraftVectorsToTheSameBytes(String name, Map<String, Object> vector) {
        int bits = ((Long) vector.get("bits")).intValue();
        StatusList.Builder builder = StatusList.builder(bits, (Long) vector.get("size"));
        for (List<Long> entry : (List<List<Long>>) vector.get("statuses")) {
            builder.set(entry.get(0), entry.get(1).intValue());
        }
        StatusList built = builder.build();

        assertArrayEquals(StatusList.decode(bits, (String) vector.get("lst")).bytes(), built.bytes());
        // zlib at level 9, as the draft recommends, reproduces the draft's own compressed bytes.
        assertEquals(vector.get("lst"), built.encode());
        if (vector.containsKey("bytes_hex")) {
            assertEquals(vector.get("bytes_hex"), hex(built.bytes()));
        }
    }

    @Test
    void setsAndGetsEveryWidth() {
        for (int bits : new int[] {1, 2, 4, 8}) {
            StatusList.Builder builder = StatusList.builder(bits, 100);
            for (int i = 0; i < 100; i++) {
                builder.set(i, i % (1 << bits));
            }
            StatusList list = StatusList.decode(bits, builder.build().encode());
            for (int i = 0; i < 100; i++) {
                assertEquals(i % (1 << bits), list.get(i));
            }
        }
    }

    @Test
    void aZipBombIsRefusedWhileInflating() {
        byte[] huge = new byte[StatusList.MAX_BYTES + 1];
        String bomb = Base64Url.encode(zlib(huge));
        // ~8 MiB of zeros compresses to a few kilobytes; inflating must stop at the bound.
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> StatusList.decode(2, bomb));
        assertEquals("lst inflates beyond " + StatusList.MAX_BYTES + " bytes", refused.getMessage());
    }

    @Test
    void brokenCompressedDataIsRefused() {
        String lst = StatusList.builder(2, 1000).set(5, TokenStatus.INVALID).build().encode();
        byte[] compressed = Base64Url.decode(lst);

        assertThrows(IllegalArgumentException.class,
                () -> StatusList.decode(2, Base64Url.encode(java.util.Arrays.copyOf(compressed, compressed.length - 3))));
        byte[] trailing = java.util.Arrays.copyOf(compressed, compressed.length + 2);
        assertThrows(IllegalArgumentException.class, () -> StatusList.decode(2, Base64Url.encode(trailing)));
        assertThrows(IllegalArgumentException.class, () -> StatusList.decode(2, "not*base64"));
        assertThrows(IllegalArgumentException.class, () -> StatusList.decode(3, lst));
    }

    @Test
    void readingOutsideTheListIsAnError() {
        StatusList list = StatusList.builder(2, 12).build();
        assertEquals(12, list.size());
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(12));
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(-1));
    }

    private static byte[] zlib(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
