package io.tongxing.jose;

/** Why a compact JWS was refused before, or at, its signature check. */
public enum JwsFault {
    /** Not three base64url segments, or a header or payload that is not a JSON object in UTF-8. */
    MALFORMED,
    /** {@code alg} is anything but {@code ES256}: {@code none}, {@code HS256}, {@code RS256}... */
    ALGORITHM_NOT_ALLOWED,
    /** The header offers its own key or certificate ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}...). */
    EMBEDDED_KEY_NOT_ALLOWED,
    /** The header lists {@code crit} parameters; Tongxing's profile has none. */
    CRITICAL_HEADER_NOT_SUPPORTED,
    /** The header asks for a compressed payload ({@code zip}); the profile never compresses tokens. */
    COMPRESSION_NOT_ALLOWED,
    /** The header has no string {@code kid}. */
    KEY_ID_MISSING,
    /** The signature is not 64 bytes of raw {@code r‖s} (a DER signature, a truncated one). */
    SIGNATURE_MALFORMED
}
