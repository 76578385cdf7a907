package io.tongxing.jose;

import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Verifies the signed JSON documents that travel beside tokens (trust bundles, status lists):
 * profile header, expected {@code typ}, a key chosen by the caller from the header and the
 * unverified claims, and the signature. Only then are the claims handed out.
 */
public final class SignedJson {

    /** Chooses the keys to try for a document, given its {@code kid} and unverified claims. */
    @FunctionalInterface
    public interface KeyChooser {
        List<ECPublicKey> keysFor(String kid, Map<String, Object> unverifiedClaims) throws SignedDataException;

        /** Those of {@code keys} whose {@code kid} is the header's (e.g. a device's pinned trust keys). */
        static KeyChooser among(Collection<ECPublicKey> keys) {
            return (kid, unverified) -> {
                List<ECPublicKey> chosen = new ArrayList<>();
                for (ECPublicKey key : keys) {
                    if (KeyIds.of(key).equals(kid)) {
                        chosen.add(key);
                    }
                }
                return chosen;
            };
        }
    }

    private SignedJson() {
    }

    /**
     * The verified claims of {@code compact}.
     *
     * @throws SignedDataException if the document is too large, malformed, of another type, or
     *     not signed by any key {@code keys} chooses
     */
    public static Map<String, Object> verify(String compact, int maxLength, String typ, KeyChooser keys,
            Provider provider) throws SignedDataException {
        if (compact.length() > maxLength) {
            throw new SignedDataException(SignedDataException.Problem.TOO_LARGE,
                    "a " + typ + " is at most " + maxLength + " characters");
        }
        CompactJws jws;
        Map<String, Object> claims;
        try {
            jws = CompactJws.parse(compact);
            claims = jws.unverifiedClaims();
        } catch (JwsRejectedException e) {
            throw new SignedDataException(SignedDataException.Problem.MALFORMED, e.getMessage());
        }
        if (!typ.equals(jws.typ())) {
            throw new SignedDataException(SignedDataException.Problem.WRONG_TYPE,
                    "expected typ " + typ + ", got " + jws.typ());
        }
        List<ECPublicKey> candidates = keys.keysFor(jws.kid(), claims);
        if (candidates.isEmpty()) {
            throw new SignedDataException(SignedDataException.Problem.KEY_UNKNOWN, "no key has kid " + jws.kid());
        }
        for (ECPublicKey key : candidates) {
            if (jws.isSignedBy(JwsVerifier.of(key, provider))) {
                return claims;
            }
        }
        throw new SignedDataException(SignedDataException.Problem.SIGNATURE_INVALID,
                "the " + typ + " signature does not verify");
    }
}
