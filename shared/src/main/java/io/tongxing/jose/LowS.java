package io.tongxing.jose;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The one text of an ES256 signature. ECDSA is malleable: if {@code (r, s)} verifies, so does
 * {@code (r, n − s)}, so every signed token would have a second valid text that anyone can make.
 * The profile allows only the "low-S" one, {@code 1 ≤ s ≤ (n − 1) / 2} (as Bitcoin's BIP 62 and
 * Ethereum's EIP-2 do): issuers write it and verifiers refuse the other. Both operations work on the
 * 64-byte raw {@code r‖s} form and cost a comparison, not a curve operation.
 */
public final class LowS {
    /** The order of the P-256 group. */
    private static final BigInteger N =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
    /** {@code (n − 1) / 2}, big-endian in 32 bytes: the largest {@code s} allowed. */
    private static final byte[] HALF_N = unsigned32(N.shiftRight(1));
    private static final int HALF = 32;

    private LowS() {
    }

    /**
     * True if the {@code s} half of a raw signature is at most {@code (n − 1) / 2}. Anything not 64
     * bytes long is not a raw ES256 signature and gets {@code false}.
     */
    public static boolean holds(byte[] rawSignature) {
        if (rawSignature.length != 2 * HALF) {
            return false;
        }
        for (int i = 0; i < HALF; i++) {
            int s = rawSignature[HALF + i] & 0xFF;
            int limit = HALF_N[i] & 0xFF;
            if (s != limit) {
                return s < limit;
            }
        }
        return true;
    }

    /**
     * The low-S text of a raw signature: the signature itself if it already is, else
     * {@code (r, n − s)}, which verifies for the same message and key.
     *
     * @throws IllegalArgumentException if {@code rawSignature} is not 64 bytes
     */
    public static byte[] of(byte[] rawSignature) {
        return holds(rawSignature) ? rawSignature : twin(rawSignature);
    }

    /**
     * The malleable twin {@code (r, n − s)} of a raw signature, valid ECDSA for the same message and
     * key: the low-S text of a high-S signature, and the high-S text a forger would make of a low one.
     *
     * @throws IllegalArgumentException if {@code rawSignature} is not 64 bytes
     */
    public static byte[] twin(byte[] rawSignature) {
        if (rawSignature.length != 2 * HALF) {
            throw new IllegalArgumentException("a raw ES256 signature is 64 bytes");
        }
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rawSignature, HALF, 2 * HALF));
        byte[] twin = rawSignature.clone();
        System.arraycopy(unsigned32(N.subtract(s).mod(N)), 0, twin, HALF, HALF);
        return twin;
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[HALF];
        int length = Math.min(bytes.length, HALF);
        System.arraycopy(bytes, bytes.length - length, out, HALF - length, length);
        return out;
    }
}
