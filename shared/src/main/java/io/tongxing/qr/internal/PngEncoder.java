package io.tongxing.qr.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A 1-bit greyscale PNG writer. zxing's own PNG output lives in its {@code javase} module and goes
 * through {@code javax.imageio}, which Android does not have; a bilevel PNG is three chunks and
 * zlib, so it is written here with nothing but {@code java.util.zip}.
 */
public final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private PngEncoder() {
    }

    /**
     * Encodes a bilevel image.
     *
     * @param dark {@code dark[y][x]} is true where the pixel is black
     */
    public static byte[] encode(boolean[][] dark) {
        int height = dark.length;
        int width = dark[0].length;
        int rowBytes = (width + 7) / 8;
        byte[] raw = new byte[height * (rowBytes + 1)];
        for (int y = 0; y < height; y++) {
            int rowStart = y * (rowBytes + 1); // the filter byte, 0 = none, comes first
            for (int x = 0; x < width; x++) {
                if (!dark[y][x]) { // in greyscale a 1 bit is white
                    raw[rowStart + 1 + x / 8] |= (byte) (0x80 >>> (x % 8));
                }
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(SIGNATURE, 0, SIGNATURE.length);
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "IDAT", deflate(raw));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
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
