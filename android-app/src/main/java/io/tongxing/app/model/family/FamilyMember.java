package io.tongxing.app.model.family;

import io.tongxing.token.Colour;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A family member the resident looks after, or asked to: as the server lists it (the API's {@code Dependant}).
 *
 * @param name the name as the guardian typed it
 * @param maskedIdNumber the ID number with all but its first and last four characters hidden
 * @param colour the member's colour now, while the link is active
 * @param paperCard the member's current paper card, if one was printed
 */
public record FamilyMember(String id, String name, String maskedIdNumber, Relation relation, State state,
        Consent consent, Instant requestedAt, Optional<Instant> consentedAt, Optional<Instant> endedAt,
        Optional<Colour> colour, Optional<PaperCardInfo> paperCard) {

    /** Where the link stands (in the order the family screen lists them). */
    public enum State {
        /** Linked: the guardian checks in for the member and shows the member's codes. */
        ACTIVE,
        /** Asked for; waiting for the member's consent (a code, or the desk). */
        PENDING,
        /** Ended by either side or by the desk. */
        ENDED
    }

    public FamilyMember {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(maskedIdNumber, "maskedIdNumber");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(consentedAt, "consentedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(paperCard, "paperCard");
    }

    /**
     * A printed paper card's state: {@code status} is its status-list entry now (VALID while the member is
     * green, SUSPENDED while not; INVALID once reprinted or withdrawn).
     */
    public record PaperCardInfo(String status, Instant issuedAt, Instant expiresAt) {
        public PaperCardInfo {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }
}
