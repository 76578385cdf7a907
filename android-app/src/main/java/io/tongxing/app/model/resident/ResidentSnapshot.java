package io.tongxing.app.model.resident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The last codes and passes the phone received, and when (by the phone's clock), for offline use. */
public record ResidentSnapshot(Optional<String> healthCode, List<PassRecord> passes, Instant receivedAt) {
    public ResidentSnapshot {
        Objects.requireNonNull(healthCode, "healthCode");
        Objects.requireNonNull(receivedAt, "receivedAt");
        passes = Collections.unmodifiableList(new ArrayList<>(passes));
    }
}
