package io.tongxing.status;

import io.tongxing.jose.Base64Url;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A status list of draft-ietf-oauth-status-list: {@code bits} (1, 2, 4 or 8) per token, packed
 * from the least significant bit of each byte, compressed with DEFLATE in the ZLIB format and
 * base64url-encoded as {@code lst}. Immutable; build one with {@link #builder(int, long)}.
 */
public final class StatusList {
    /**
     * The largest list this decoder inflates: 8 MiB, 32 million tokens at two bits. A compressed list
     * that would inflate further is refused as it inflates, before it can exhaust memory.
     */
    public static final int MAX_BYTES = 8 * 1024 * 1024;

    private final int bits;
    private final byte[] bytes;

    private StatusList(int bits, byte[] bytes) {
        this.bits = bits;
        this.bytes = bytes;
    }

    /** A builder for a list of {@code size} tokens, all VALID. */
    public static Builder builder(int bits, long size) {
        checkBits(bits);
        long length = (size * bits + 7) / 8;
        if (size < 1 || length > MAX_BYTES) {
            throw new IllegalArgumentException("a status list holds 1 to " + (MAX_BYTES * 8L / bits) + " tokens");
        }
        return new Builder(bits, new byte[(int) length]);
    }

    /**
     * Decodes the {@code bits} and {@code lst} members of a {@code status_list} claim.
     *
     * @throws IllegalArgumentException if {@code lst} is not base64url ZLIB data, inflates past
     *     {@link #MAX_BYTES}, or {@code bits} is not 1, 2, 4 or 8
     */
    public static StatusList decode(int bits, String lst) {
        checkBits(bits);
        byte[] compressed = Base64Url.decode(lst);
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(MAX_BYTES, compressed.length * 8 + 64));
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("lst is truncated ZLIB data");
                }
                if (out.size() + n > MAX_BYTES) {
                    throw new IllegalArgumentException("lst inflates beyond " + MAX_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
            if (inflater.getRemaining() != 0) {
                throw new IllegalArgumentException("lst has data after its ZLIB stream");
            }
            if (out.size() == 0) {
                throw new IllegalArgumentException("lst is empty");
            }
            return new StatusList(bits, out.toByteArray());
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("lst is not ZLIB data");
        } finally {
            inflater.end();
        }
    }

    public int bits() {
        return bits;
    }

    /** How many tokens the list has room for. */
    public long size() {
        return (long) bytes.length * 8 / bits;
    }

    /**
     * The raw status value of token {@code index}.
     *
     * @throws IndexOutOfBoundsException if the list has no such entry
     */
    public int get(long index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("status index " + index + " is outside a list of " + size());
        }
        long bit = index * bits;
        return (bytes[(int) (bit >>> 3)] >>> (bit & 7)) & ((1 << bits) - 1);
    }

    /** The {@code lst} member: ZLIB at the highest compression level, base64url. */
    public String encode() {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 8 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return Base64Url.encode(out.toByteArray());
        } finally {
            deflater.end();
        }
    }

    /** The uncompressed bytes, for tests and diagnostics. */
    public byte[] bytes() {
        return bytes.clone();
    }

    private static void checkBits(int bits) {
        if (bits != 1 && bits != 2 && bits != 4 && bits != 8) {
            throw new IllegalArgumentException("bits must be 1, 2, 4 or 8");
        }
    }

    /** Sets statuses, then {@link #build()}s an immutable list. */
    public static final class Builder {
        private final int bits;
        private final byte[] bytes;

        private Builder(int bits, byte[] bytes) {
            this.bits = bits;
            this.bytes = bytes;
        }

        public Builder set(long index, TokenStatus status) {
            return set(index, status.value());
        }

        public Builder set(long index, int value) {
            if (index < 0 || index >= (long) bytes.length * 8 / bits) {
                throw new IndexOutOfBoundsException("status index " + index + " is outside the list");
            }
            if (value < 0 || value >= 1 << bits) {
                throw new IllegalArgumentException("status value " + value + " does not fit " + bits + " bits");
            }
            long bit = index * bits;
            int mask = ((1 << bits) - 1) << (bit & 7);
            int at = (int) (bit >>> 3);
            bytes[at] = (byte) ((bytes[at] & ~mask) | (value << (bit & 7)));
            return this;
        }

        public StatusList build() {
            return new StatusList(bits, Arrays.copyOf(bytes, bytes.length));
        }
    }
}
