package io.tongxing.verify.internal;

import io.tongxing.jose.CompactJws;
import io.tongxing.jose.JwsRejectedException;
import io.tongxing.token.TokenKind;
import io.tongxing.verify.Reason;

/** Splits the token and holds its header to the profile: ES256, own key never, a known {@code typ}. */
public final class HeaderStage {
    private HeaderStage() {
    }

    public static CompactJws parse(String token) {
        try {
            return CompactJws.parse(token);
        } catch (JwsRejectedException e) {
            switch (e.fault()) {
                case ALGORITHM_NOT_ALLOWED:
                    throw Rejection.of(Reason.ALGORITHM_NOT_ALLOWED);
                case EMBEDDED_KEY_NOT_ALLOWED:
                    throw Rejection.of(Reason.EMBEDDED_KEY_NOT_ALLOWED);
                case CRITICAL_HEADER_NOT_SUPPORTED:
                    throw Rejection.of(Reason.CRITICAL_HEADER_NOT_SUPPORTED);
                case COMPRESSION_NOT_ALLOWED:
                    throw Rejection.of(Reason.COMPRESSION_NOT_ALLOWED);
                case KEY_ID_MISSING:
                    throw Rejection.of(Reason.KEY_ID_MISSING);
                case SIGNATURE_MALFORMED:
                    throw Rejection.of(Reason.SIGNATURE_MALFORMED);
                default:
                    throw Rejection.of(Reason.TOKEN_MALFORMED);
            }
        }
    }

    public static TokenKind kind(CompactJws jws) {
        return TokenKind.ofTyp(jws.typ()).orElseThrow(() -> Rejection.of(Reason.TYPE_UNKNOWN));
    }
}
