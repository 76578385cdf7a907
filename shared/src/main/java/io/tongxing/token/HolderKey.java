package io.tongxing.token;

import com.nimbusds.jose.jwk.Curve;
import io.tongxing.jose.Base64Url;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;

/**
 * The P-256 public key of a holder's device, carried in a token's {@code h} claim as the
 * base64url form of its 33-byte compressed SEC 1 point (44 characters instead of the 87 of an
 * uncompressed point: every byte shows in the QR).
 *
 * <p>The JCA has no decoder for compressed points, so decompression is done here: {@code y} is
 * the square root of {@code x³ - 3x + b} modulo {@code p}, which for P-256's {@code p ≡ 3 (mod 4)}
 * is a single modular power; points not on the curve are refused.
 */
public final class HolderKey {
    private static final ECParameterSpec P256 = Curve.P_256.toECParameterSpec();
    private static final BigInteger P = new BigInteger(
            "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static final BigInteger B = new BigInteger(
            "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);
    private static final BigInteger THREE = BigInteger.valueOf(3);
    private static final BigInteger SQRT_EXPONENT = P.add(BigInteger.ONE).shiftRight(2);
    private static final int FIELD_BYTES = 32;

    private final byte[] compressed;
    private final ECPublicKey publicKey;

    private HolderKey(byte[] compressed, ECPublicKey publicKey) {
        this.compressed = compressed;
        this.publicKey = publicKey;
    }

    /** The holder key for a P-256 public key. */
    public static HolderKey of(ECPublicKey key) {
        if (!Curve.P_256.equals(Curve.forECParameterSpec(key.getParams()))) {
            throw new IllegalArgumentException("holder keys are P-256 keys");
        }
        ECPoint w = key.getW();
        byte[] point = new byte[FIELD_BYTES + 1];
        point[0] = (byte) (w.getAffineY().testBit(0) ? 0x03 : 0x02);
        byte[] x = unsigned(w.getAffineX());
        System.arraycopy(x, 0, point, point.length - x.length, x.length);
        return new HolderKey(point, key);
    }

    /**
     * Decodes the {@code h} claim.
     *
     * @throws IllegalArgumentException if it is not the base64url form of a compressed point on P-256
     */
    public static HolderKey decode(String encoded) {
        byte[] point = Base64Url.decode(encoded);
        if (point.length != FIELD_BYTES + 1 || (point[0] != 0x02 && point[0] != 0x03)) {
            throw new IllegalArgumentException("holder key is not a compressed P-256 point");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, point.length));
        if (x.compareTo(P) >= 0) {
            throw new IllegalArgumentException("holder key is not a compressed P-256 point");
        }
        BigInteger rhs = x.pow(3).subtract(x.multiply(THREE)).add(B).mod(P);
        BigInteger y = rhs.modPow(SQRT_EXPONENT, P);
        if (!y.multiply(y).mod(P).equals(rhs)) {
            throw new IllegalArgumentException("holder key is not on the P-256 curve");
        }
        if (y.testBit(0) != (point[0] == 0x03)) {
            y = P.subtract(y);
        }
        try {
            ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), P256));
            return new HolderKey(point, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("holder key is not a usable P-256 key", e);
        }
    }

    /** The value of the {@code h} claim. */
    public String encoded() {
        return Base64Url.encode(compressed);
    }

    public ECPublicKey publicKey() {
        return publicKey;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > FIELD_BYTES) {
            return Arrays.copyOfRange(bytes, bytes.length - FIELD_BYTES, bytes.length);
        }
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HolderKey && Arrays.equals(((HolderKey) o).compressed, compressed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(compressed);
    }

    @Override
    public String toString() {
        return encoded();
    }
}
