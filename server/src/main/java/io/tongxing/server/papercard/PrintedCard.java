package io.tongxing.server.papercard;

import java.time.Instant;
import java.util.UUID;

/** What a printed card shows: the card's number, its holder as masked on the token, its issuer, validity and QR text. */
public record PrintedCard(UUID cardId, String maskedName, String idLastFour, String region, String issuerName,
                          String issuerNameEn, Instant issuedAt, Instant expiresAt, String qrText) {
}
