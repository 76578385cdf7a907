package io.tongxing.app.model.resident;

import io.tongxing.jose.CompactJws;
import io.tongxing.jose.JwsRejectedException;
import io.tongxing.token.Credential;
import io.tongxing.token.TokenKind;
import io.tongxing.token.internal.ClaimsException;
import io.tongxing.token.internal.CredentialClaims;
import java.util.Optional;

/**
 * Reads the resident's own tokens for display. The phone holds no trust bundle, so it cannot verify them;
 * it shows what its home server sent it over TLS, and only a checkpoint's verdict counts.
 *
 * <p>shared has no public "read a token's claims without verifying" call, so this is the one place that
 * reaches into {@code io.tongxing.token.internal} (reported to shared's owners).
 */
public final class OwnTokens {
    private OwnTokens() {
    }

    /** The credential in {@code compactJws}, or empty if it is not a well-formed token of a known kind. */
    public static Optional<Credential> read(String compactJws) {
        try {
            CompactJws jws = CompactJws.parse(compactJws);
            Optional<TokenKind> kind = TokenKind.ofTyp(jws.typ() == null ? "" : jws.typ());
            if (!kind.isPresent()) {
                return Optional.empty();
            }
            return Optional.of(CredentialClaims.fromClaims(kind.get(), jws.unverifiedClaims()));
        } catch (JwsRejectedException | ClaimsException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
