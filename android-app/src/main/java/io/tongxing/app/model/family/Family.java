package io.tongxing.app.model.family;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The resident's family links as last received: the members they look after (or asked to), newest first, and
 * those who look after them; and when the phone received them.
 */
public record Family(List<FamilyMember> members, List<Guardian> guardians, Instant receivedAt) {
    public Family {
        members = Collections.unmodifiableList(new ArrayList<>(members));
        guardians = Collections.unmodifiableList(new ArrayList<>(guardians));
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
