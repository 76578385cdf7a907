package io.tongxing.qr;

import io.tongxing.holder.HolderProof;
import java.util.Objects;
import java.util.Optional;

/**
 * What a holder shows at a checkpoint: a token (compact JWS) and, for holder-bound tokens, a fresh
 * proof that the holder's device made just now.
 */
public record Presentation(String token, Optional<HolderProof> holderProof) {
    public Presentation {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(holderProof, "holderProof");
    }

    public static Presentation of(String token) {
        return new Presentation(token, Optional.empty());
    }

    public static Presentation of(String token, HolderProof proof) {
        return new Presentation(token, Optional.of(proof));
    }
}
