package io.tongxing.app.model.family;

import io.tongxing.app.model.resident.ResidentSnapshot;
import io.tongxing.app.server.FamilyService;
import io.tongxing.app.server.ResidentDownload;
import io.tongxing.app.server.ServerRefusedException;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;

/**
 * Brings the family list and the members' codes from the home server into the {@link FamilyVault}. When the
 * server cannot be reached the copies stay, and the screens show them with their age.
 */
public final class FamilySync {
    private final FamilyService service;
    private final FamilyVault vault;
    private final Clock clock;

    public FamilySync(FamilyService service, FamilyVault vault, Clock clock) {
        this.service = Objects.requireNonNull(service, "service");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Fetches and keeps the list of links, both ways. */
    public Family refreshFamily() throws IOException, ServerRefusedException {
        Family family = new Family(service.members(), service.guardians(), clock.instant());
        vault.save(family);
        return family;
    }

    /**
     * Fetches the list and the code and passes of every member looked after, so that each can be shown
     * offline later (the background refresh does this with the resident's own). A member the server no longer
     * lets this resident see (ended meanwhile) is skipped; the next list drops their copy.
     */
    public Family refreshEveryone() throws IOException, ServerRefusedException {
        Family family = refreshFamily();
        for (FamilyMember member : family.members()) {
            if (member.state() == FamilyMember.State.ACTIVE) {
                try {
                    refreshMember(member.id());
                } catch (ServerRefusedException e) {
                    if (e.sessionExpired()) {
                        throw e;
                    }
                }
            }
        }
        return family;
    }

    /** Fetches and keeps an active member's code and passes. */
    public ResidentSnapshot refreshMember(String memberId) throws IOException, ServerRefusedException {
        ResidentDownload download = service.memberCredentials(memberId);
        ResidentSnapshot snapshot = new ResidentSnapshot(download.healthCode(), download.passes(), clock.instant());
        vault.saveSnapshot(memberId, snapshot);
        return snapshot;
    }
}
