package io.tongxing.app.model.resident;

import io.tongxing.token.PassModel;
import io.tongxing.token.RegionCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pass or pass application as the home server describes it to its holder. Issued, suspended and revoked
 * passes carry their token; applications carry what was applied for.
 *
 * @param reason the server's words for a suspension, revocation or refusal
 */
public record PassRecord(String id, Status status, Optional<String> token, Optional<PassModel> model,
        List<RegionCode> route, Optional<String> reason, Optional<Instant> appliedAt) {

    /** Where the pass stands at its issuer. */
    public enum Status { ISSUED, SUSPENDED, REVOKED, PENDING, REFUSED }

    public PassRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(appliedAt, "appliedAt");
        route = Collections.unmodifiableList(new ArrayList<>(route));
        boolean application = status == Status.PENDING || status == Status.REFUSED;
        if (!application && !token.isPresent()) {
            throw new IllegalArgumentException("an issued, suspended or revoked pass carries its token");
        }
        if (application && !model.isPresent()) {
            throw new IllegalArgumentException("an application names the pass model applied for");
        }
    }

    public static PassRecord issued(String id, String token) {
        return new PassRecord(id, Status.ISSUED, Optional.of(token), Optional.empty(), Collections.emptyList(),
                Optional.empty(), Optional.empty());
    }
}
