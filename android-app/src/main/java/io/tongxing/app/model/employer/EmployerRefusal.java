package io.tongxing.app.model.employer;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** An enterprise this resident refused: none of its listings links to them while the refusal stands. */
public record EmployerRefusal(Enterprise enterprise, Instant refusedAt, Optional<String> reason) {
    public EmployerRefusal {
        Objects.requireNonNull(enterprise, "enterprise");
        Objects.requireNonNull(refusedAt, "refusedAt");
        Objects.requireNonNull(reason, "reason");
    }
}
