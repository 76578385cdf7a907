package io.tongxing.app.model.checkpoint;

import io.tongxing.status.VerifiedStatusList;
import io.tongxing.trust.TrustStore;
import io.tongxing.verify.CheckpointPolicy;
import io.tongxing.verify.OfflineVerifier;
import io.tongxing.verify.StatusLists;
import java.security.Provider;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a checkpoint device verifies with after a sync, every part of it checked: the trust store from a
 * bundle signed by a pinned trust key, the status lists signed by their issuers, the checkpoint policy,
 * and the latest signed time the device has seen (its high-water mark, which only ever rises).
 */
public final class CheckpointState {
    private final TrustStore trust;
    private final List<VerifiedStatusList> statusLists;
    private final CheckpointPolicy policy;
    private final Instant latestSignedTime;
    private final Instant syncedAt;

    CheckpointState(TrustStore trust, List<VerifiedStatusList> statusLists, CheckpointPolicy policy,
            Instant latestSignedTime, Instant syncedAt) {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.statusLists = Collections.unmodifiableList(new ArrayList<>(statusLists));
        this.policy = Objects.requireNonNull(policy, "policy");
        this.latestSignedTime = Objects.requireNonNull(latestSignedTime, "latestSignedTime");
        this.syncedAt = Objects.requireNonNull(syncedAt, "syncedAt");
    }

    /** A verifier over this state, reading time from {@code clock}; {@code provider} null for the platform's. */
    public OfflineVerifier verifier(Clock clock, Provider provider) {
        return OfflineVerifier.builder(trust, policy)
                .statusLists(StatusLists.of(statusLists))
                .latestSignedTime(latestSignedTime)
                .clock(clock)
                .provider(provider)
                .build();
    }

    public TrustStore trust() {
        return trust;
    }

    public List<VerifiedStatusList> statusLists() {
        return statusLists;
    }

    public CheckpointPolicy policy() {
        return policy;
    }

    /** The newest signed (or server) time the device has seen; a clock earlier than this is doubtful. */
    public Instant latestSignedTime() {
        return latestSignedTime;
    }

    /** The server's time at the last sync that was applied. */
    public Instant syncedAt() {
        return syncedAt;
    }

    /** When the oldest status list was signed: the age of the data a verdict may rest on. */
    public Optional<Instant> oldestStatusSignedAt() {
        Instant oldest = null;
        for (VerifiedStatusList list : statusLists) {
            if (oldest == null || list.issuedAt().isBefore(oldest)) {
                oldest = list.issuedAt();
            }
        }
        return Optional.ofNullable(oldest);
    }

    /** True if a status list is past its own {@code exp}. */
    public boolean statusExpired(Instant now) {
        for (VerifiedStatusList list : statusLists) {
            if (list.expiresAt().isPresent() && !now.isBefore(list.expiresAt().get())) {
                return true;
            }
        }
        return false;
    }
}
