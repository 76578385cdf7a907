package io.tongxing.qr.internal;

/**
 * Bytes as decimal digits, for QR numeric mode (3⅓ bits a digit): each 7-byte block becomes 17
 * digits (2^56 < 10^17), and a final shorter block of k bytes the fewest digits that hold it
 * (1→3, 2→5, 3→8, 4→10, 5→13, 6→15). That costs 8.1 bits a byte, against 10.7 for base64url in
 * byte mode and 8.9 for the two-digits-a-character numeric form of SMART Health Cards.
 */
public final class DecimalBlocks {
    private static final int BLOCK_BYTES = 7;
    private static final int BLOCK_DIGITS = 17;
    /** Digits for a final block of 0..7 bytes; -1 marks impossible lengths when decoding. */
    private static final int[] DIGITS_FOR_BYTES = {0, 3, 5, 8, 10, 13, 15, 17};

    private DecimalBlocks() {
    }

    public static String encode(byte[] bytes) {
        StringBuilder digits = new StringBuilder(bytes.length * 5 / 2 + 17);
        for (int start = 0; start < bytes.length; start += BLOCK_BYTES) {
            int length = Math.min(BLOCK_BYTES, bytes.length - start);
            long value = 0;
            for (int i = 0; i < length; i++) {
                value = (value << 8) | (bytes[start + i] & 0xFF);
            }
            String block = Long.toString(value);
            for (int pad = DIGITS_FOR_BYTES[length] - block.length(); pad > 0; pad--) {
                digits.append('0');
            }
            digits.append(block);
        }
        return digits.toString();
    }

    /** @throws IllegalArgumentException if {@code digits} is not the encoding of some bytes */
    public static byte[] decode(CharSequence digits) {
        int fullBlocks = digits.length() / BLOCK_DIGITS;
        int tailDigits = digits.length() % BLOCK_DIGITS;
        int tailBytes = bytesForDigits(tailDigits);
        byte[] bytes = new byte[fullBlocks * BLOCK_BYTES + tailBytes];
        for (int block = 0; block <= fullBlocks; block++) {
            int length = block < fullBlocks ? BLOCK_BYTES : tailBytes;
            if (length == 0) {
                break;
            }
            int from = block * BLOCK_DIGITS;
            long value = 0;
            for (int i = from; i < from + DIGITS_FOR_BYTES[length]; i++) {
                char c = digits.charAt(i);
                if (c < '0' || c > '9') {
                    throw new IllegalArgumentException("not a digit at " + i);
                }
                value = value * 10 + (c - '0');
            }
            if (length < BLOCK_BYTES ? value >>> (8 * length) != 0 : value >>> 56 != 0) {
                throw new IllegalArgumentException("block " + block + " is larger than its bytes can hold");
            }
            for (int i = length - 1; i >= 0; i--) {
                bytes[block * BLOCK_BYTES + i] = (byte) value;
                value >>>= 8;
            }
        }
        return bytes;
    }

    private static int bytesForDigits(int digits) {
        for (int bytes = 0; bytes < BLOCK_BYTES; bytes++) {
            if (DIGITS_FOR_BYTES[bytes] == digits) {
                return bytes;
            }
        }
        throw new IllegalArgumentException("no byte string has " + digits + " trailing digits");
    }
}
