package io.tongxing.token;

import java.time.Instant;
import java.util.Optional;

/**
 * What every Tongxing token says about its holder and itself. The fields are those an officer
 * compares with an ID card (masked name, last four ID characters) and those a verifier checks
 * (issuer, times, status reference, holder key); nothing more identifying is ever in a QR.
 */
public sealed interface Credential permits HealthCode, CommuterPass, PaperCard {

    TokenKind kind();

    /** The issuing region ({@code iss}). */
    RegionCode issuer();

    /** The holder's pseudonym at the issuer ({@code sub}); never an ID or phone number. */
    String subject();

    /** The holder's name with all but its first and last characters hidden ({@code n}). */
    String maskedName();

    /** The last four characters of the holder's ID number ({@code d}). */
    String idLastFour();

    /** When the token was issued ({@code iat}). */
    Instant issuedAt();

    /** The first instant at which the token is no longer valid ({@code exp}). */
    Instant expiresAt();

    /** Where the token's status (valid, revoked, suspended) is published ({@code s}). */
    StatusReference status();

    /** The public key of the holder's device, for tokens bound to one ({@code h}). */
    Optional<HolderKey> holderKey();
}
