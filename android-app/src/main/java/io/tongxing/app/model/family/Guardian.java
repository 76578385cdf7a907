package io.tongxing.app.model.family;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Someone who looks after this resident, as the member sees it (the API's {@code Guardian}).
 *
 * @param maskedName the guardian's name, masked ("张*三")
 * @param relation what this resident is to the guardian
 * @param active false once the link was ended
 */
public record Guardian(String id, String maskedName, Relation relation, boolean active, Consent consent,
        Optional<Instant> since) {
    public Guardian {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(maskedName, "maskedName");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(since, "since");
    }
}
