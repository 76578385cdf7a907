package io.tongxing.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tongxing.jose.Base64Url;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HolderKeyTest {

    @Test
    void compressedPointsDecompressToTheSameKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        for (int i = 0; i < 200; i++) {
            ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
            HolderKey decoded = HolderKey.decode(HolderKey.of(key).encoded());

            assertEquals(key.getW(), decoded.publicKey().getW());
            assertEquals(44, HolderKey.of(key).encoded().length());
        }
    }

    @Test
    void aPointOffTheCurveIsRefused() {
        // About half of all x have no point on P-256: find the first, by Euler's criterion.
        BigInteger p = new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
        BigInteger b = new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);
        BigInteger x = BigInteger.ONE;
        while (x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(b).mod(p)
                .modPow(p.subtract(BigInteger.ONE).shiftRight(1), p).equals(BigInteger.ONE)) {
            x = x.add(BigInteger.ONE);
        }
        byte[] point = new byte[33];
        point[0] = 0x02;
        point[32] = x.byteValueExact();

        assertThrows(IllegalArgumentException.class, () -> HolderKey.decode(Base64Url.encode(point)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "AA", "BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not base64!"})
    void otherEncodingsAreRefused(String encoded) {
        assertThrows(IllegalArgumentException.class, () -> HolderKey.decode(encoded));
    }

    @Test
    void anXCoordinateAtOrAboveThePrimeIsRefused() {
        byte[] point = new byte[33];
        point[0] = 0x03;
        java.util.Arrays.fill(point, 1, 33, (byte) 0xFF);
        assertThrows(IllegalArgumentException.class, () -> HolderKey.decode(Base64Url.encode(point)));
    }
}
