package io.tongxing.holder;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import io.tongxing.jose.LowS;
import io.tongxing.token.HolderKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A holder's fresh proof of possession for one token: an ES256 signature, by the key the token
 * names in its {@code h} claim, over the ASCII text {@code "tx-hp1." + time + "." + token}. Binding
 * the token's exact text makes a proof useless for any other token; the time (whole seconds) lets
 * a verifier accept it only briefly, so a screenshot of the QR stops working within a minute. Like
 * every signature of the profile it is low-S ({@link LowS}): made so here, refused otherwise.
 */
public final class HolderProof {
    /** Raw {@code r‖s}, as in JWS. */
    public static final int SIGNATURE_BYTES = 64;
    /** Proof times are carried as unsigned 32-bit seconds in the QR frame. */
    public static final long LATEST_TIME = 0xFFFF_FFFFL;

    private final long time;
    private final byte[] signature;

    private HolderProof(long time, byte[] signature) {
        this.time = time;
        this.signature = signature;
    }

    /** A proof for {@code compactJws} made now by the holder's key. */
    public static HolderProof create(String compactJws, Instant now, HolderSigner signer)
            throws GeneralSecurityException {
        long time = now.getEpochSecond();
        checkTime(time);
        byte[] der = signer.signDer(message(compactJws, time));
        try {
            return new HolderProof(time, LowS.of(ECDSA.transcodeSignatureToConcat(der, SIGNATURE_BYTES)));
        } catch (JOSEException e) {
            throw new GeneralSecurityException("the holder key made a signature that is not P-256 ECDSA", e);
        }
    }

    /** A proof as carried in a QR frame: time in seconds and raw signature. */
    public static HolderProof of(long time, byte[] signature) {
        checkTime(time);
        if (signature.length != SIGNATURE_BYTES) {
            throw new IllegalArgumentException("a holder proof signature is 64 bytes");
        }
        return new HolderProof(time, signature.clone());
    }

    /** When the holder made the proof, to the second. */
    public Instant time() {
        return Instant.ofEpochSecond(time);
    }

    public long epochSecond() {
        return time;
    }

    public byte[] signature() {
        return signature.clone();
    }

    /**
     * True if {@code holderKey} made this proof for exactly {@code compactJws}. Whether the proof
     * is recent enough is the verifier's policy, not checked here.
     */
    public boolean isMadeBy(HolderKey holderKey, String compactJws, Provider provider) {
        if (!LowS.holds(signature)) {
            return false;
        }
        try {
            ECDSA.ensureLegalSignature(signature, JWSAlgorithm.ES256);
            Signature verifier = provider == null
                    ? Signature.getInstance("SHA256withECDSA")
                    : Signature.getInstance("SHA256withECDSA", provider);
            verifier.initVerify(holderKey.publicKey());
            verifier.update(message(compactJws, time));
            return verifier.verify(ECDSA.transcodeSignatureToDER(signature));
        } catch (JOSEException | GeneralSecurityException e) {
            return false;
        }
    }

    static byte[] message(String compactJws, long time) {
        return ("tx-hp1." + time + "." + compactJws).getBytes(StandardCharsets.US_ASCII);
    }

    private static void checkTime(long time) {
        if (time < 0 || time > LATEST_TIME) {
            throw new IllegalArgumentException("holder proof time out of range");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HolderProof && ((HolderProof) o).time == time
                && Arrays.equals(((HolderProof) o).signature, signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(time, Arrays.hashCode(signature));
    }
}
