package io.tongxing.app.model.employer;

import java.time.Instant;
import java.util.Objects;

/**
 * An enterprise's listing that names this resident (it gave both their name and ID number as registered):
 * linked to them while it is {@code active}; an ended one is an employment the enterprise ended.
 */
public record EmployerListing(String listingId, Enterprise enterprise, Instant listedAt, boolean active) {
    public EmployerListing {
        Objects.requireNonNull(listingId, "listingId");
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(listedAt, "listedAt");
    }
}
