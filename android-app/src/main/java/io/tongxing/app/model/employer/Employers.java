package io.tongxing.app.model.employer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** What the server said of who lists this resident: the listings (newest first), the refusals, and when. */
public record Employers(List<EmployerListing> listings, List<EmployerRefusal> refusals, Instant receivedAt) {
    public Employers {
        listings = Collections.unmodifiableList(new ArrayList<>(listings));
        refusals = Collections.unmodifiableList(new ArrayList<>(refusals));
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
