package io.tongxing.qr.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A 1-bit greyscale PNG writer. zxing's own PNG output lives in its {@code javase} module and goes
 * through {@code javax.imageio}, which Android does not have; a bilevel PNG is three chunks and
 * zlib, so it is written here with nothing but {@code java.util.zip}.
 *
 * <p>A QR code drawn at several pixels a module repeats each row of pixels that many times. A row
 * equal to the one above it is written with PNG's Up filter, as zeros, which deflate at its default
 * level packs as tightly as its slowest level packs the unfiltered rows, at a fifth of the cost.
 */
public final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte FILTER_NONE = 0;
    private static final byte FILTER_UP = 2;

    private PngEncoder() {
    }

    /**
     * Encodes a bilevel image given as packed rows.
     *
     * @param width pixels a row
     * @param rows  {@code rows[y]} holds the row's pixels in {@code (width + 7) / 8} bytes, eight a
     *              byte, the leftmost in the most significant bit; a set bit is white (as in PNG's
     *              own greyscale); bits past {@code width} are ignored
     */
    public static byte[] encode(int width, byte[][] rows) {
        int rowBytes = (width + 7) / 8;
        byte[] raw = new byte[rows.length * (rowBytes + 1)];
        for (int y = 0; y < rows.length; y++) {
            if (rows[y].length != rowBytes) {
                throw new IllegalArgumentException("row " + y + " has " + rows[y].length + " bytes, not " + rowBytes);
            }
            int rowStart = y * (rowBytes + 1); // the filter byte comes first
            if (y > 0 && (rows[y] == rows[y - 1] || Arrays.equals(rows[y], rows[y - 1]))) {
                raw[rowStart] = FILTER_UP; // each byte minus the byte above: all zero
            } else {
                raw[rowStart] = FILTER_NONE;
                System.arraycopy(rows[y], 0, raw, rowStart + 1, rowBytes);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(SIGNATURE, 0, SIGNATURE.length);
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(rows.length)
                .put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "IDAT", deflate(raw));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] length = ByteBuffer.allocate(4).putInt(data.length).array();
        png.write(length, 0, 4);
        png.write(typeBytes, 0, 4);
        png.write(data, 0, data.length);
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array(), 0, 4);
    }
}
