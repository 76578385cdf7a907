package io.tongxing.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import io.tongxing.holder.HolderSigner;
import io.tongxing.jose.LowS;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * ES256 with RFC 6979 deterministic nonces (BouncyCastle), so that test vectors made from fixed keys
 * come out byte for byte the same on every run. Production signing uses the JCA's random nonces.
 */
public final class DeterministicEs256 implements JWSSigner {
    private static final X9ECParameters P256 = ECNamedCurveTable.getByName("P-256");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());

    private final BigInteger privateScalar;
    private final JCAContext jcaContext = new JCAContext();

    public DeterministicEs256(BigInteger privateScalar) {
        this.privateScalar = privateScalar;
    }

    /** The signature of {@code message}: raw {@code r‖s}, 64 bytes, low-S as the profile requires. */
    public byte[] signRaw(byte[] message) {
        BigInteger[] rs = sign(message);
        byte[] raw = new byte[64];
        copyUnsigned(rs[0], raw, 0);
        copyUnsigned(rs[1], raw, 32);
        return LowS.of(raw);
    }

    /** A holder signer making DER signatures, as the JCA would. */
    public HolderSigner asHolderSigner() {
        return message -> {
            BigInteger[] rs = sign(message);
            try {
                return new DERSequence(new ASN1Integer[] {new ASN1Integer(rs[0]), new ASN1Integer(rs[1])}).getEncoded();
            } catch (IOException e) {
                throw new GeneralSecurityException(e);
            }
        };
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new JOSEException("ES256 only");
        }
        return Base64URL.encode(signRaw(signingInput));
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Collections.singleton(JWSAlgorithm.ES256);
    }

    @Override
    public JCAContext getJCAContext() {
        return jcaContext;
    }

    private BigInteger[] sign(byte[] message) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(privateScalar, DOMAIN));
        try {
            return signer.generateSignature(MessageDigest.getInstance("SHA-256").digest(message));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyUnsigned(BigInteger value, byte[] into, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, into, offset + 32 - length, length);
    }
}
