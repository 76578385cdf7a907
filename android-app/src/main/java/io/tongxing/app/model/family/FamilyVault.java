package io.tongxing.app.model.family;

import io.tongxing.app.model.resident.ResidentSnapshot;
import io.tongxing.app.model.resident.ResidentVault;
import io.tongxing.app.model.resident.SnapshotSource;
import io.tongxing.app.platform.SecureStore;
import io.tongxing.app.storage.JsonValue;
import io.tongxing.jose.JsonFields;
import io.tongxing.token.Colour;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The family as the phone last received it, encrypted at rest in one {@link SecureStore} value: the list of
 * links and, for each member the resident looks after, the member's last codes and passes, so a guardian can
 * show them without a network, as their own. It belongs to the resident's session: {@link ResidentVault#clear}
 * removes it ({@link #NAME} is kept with the resident's codes).
 */
public final class FamilyVault {
    /** The store's value. */
    public static final String NAME = "family";

    private final JsonValue value;

    public FamilyVault(SecureStore store) {
        this.value = new JsonValue(store, NAME, "the stored family");
    }

    /** The family list last received, if any. */
    public synchronized Optional<Family> family() throws IOException {
        Map<String, Object> json = value.read();
        if (!json.containsKey("received_at")) {
            return Optional.empty();
        }
        try {
            List<FamilyMember> members = new ArrayList<>();
            for (Object member : JsonFields.list(json, "members")) {
                members.add(member(JsonFields.object(member, "members[]")));
            }
            List<Guardian> guardians = new ArrayList<>();
            for (Object guardian : JsonFields.list(json, "guardians")) {
                guardians.add(guardian(JsonFields.object(guardian, "guardians[]")));
            }
            return Optional.of(new Family(members, guardians, Instant.ofEpochMilli(JsonFields.integer(json, "received_at"))));
        } catch (IllegalArgumentException e) {
            throw new IOException("the stored family is not readable: " + e.getMessage(), e);
        }
    }

    /**
     * Keeps {@code family}; the codes of members no longer active (ended, or gone from the list) are dropped, so
     * nobody's code outlives the link that allowed it on this phone.
     */
    public synchronized void save(Family family) throws IOException {
        Map<String, Object> json = value.read();
        json.put("received_at", family.receivedAt().toEpochMilli());
        List<Object> members = new ArrayList<>();
        List<String> active = new ArrayList<>();
        for (FamilyMember member : family.members()) {
            members.add(json(member));
            if (member.state() == FamilyMember.State.ACTIVE) {
                active.add(member.id());
            }
        }
        json.put("members", members);
        List<Object> guardians = new ArrayList<>();
        for (Guardian guardian : family.guardians()) {
            guardians.add(json(guardian));
        }
        json.put("guardians", guardians);
        Map<String, Object> codes = codes(json);
        codes.keySet().retainAll(active);
        json.put("codes", codes);
        value.write(json);
    }

    /** The last codes and passes received for member {@code memberId}. */
    public synchronized Optional<ResidentSnapshot> snapshot(String memberId) throws IOException {
        Object kept = codes(value.read()).get(memberId);
        if (kept == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ResidentVault.snapshot(JsonFields.object(kept, "codes." + memberId)));
        } catch (IllegalArgumentException e) {
            throw new IOException("the stored codes of a family member are not readable: " + e.getMessage(), e);
        }
    }

    /** Where a code screen finds member {@code memberId}'s codes. */
    public SnapshotSource snapshots(String memberId) {
        return () -> snapshot(memberId);
    }

    public synchronized void saveSnapshot(String memberId, ResidentSnapshot snapshot) throws IOException {
        Map<String, Object> json = value.read();
        Map<String, Object> codes = codes(json);
        codes.put(memberId, ResidentVault.json(snapshot));
        json.put("codes", codes);
        value.write(json);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> codes(Map<String, Object> json) {
        Object codes = json.get("codes");
        return codes instanceof Map ? new LinkedHashMap<>((Map<String, Object>) codes) : new LinkedHashMap<>();
    }

    private static Map<String, Object> json(FamilyMember member) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", member.id());
        json.put("name", member.name());
        json.put("masked_id", member.maskedIdNumber());
        json.put("relation", member.relation().name());
        json.put("state", member.state().name());
        json.put("consent", member.consent().name());
        json.put("requested_at", member.requestedAt().toEpochMilli());
        member.consentedAt().ifPresent(at -> json.put("consented_at", at.toEpochMilli()));
        member.endedAt().ifPresent(at -> json.put("ended_at", at.toEpochMilli()));
        member.colour().ifPresent(colour -> json.put("colour", colour.name()));
        member.paperCard().ifPresent(card -> {
            Map<String, Object> kept = new LinkedHashMap<>();
            kept.put("status", card.status());
            kept.put("issued_at", card.issuedAt().toEpochMilli());
            kept.put("expires_at", card.expiresAt().toEpochMilli());
            json.put("paper_card", kept);
        });
        return json;
    }

    private static FamilyMember member(Map<String, Object> json) {
        Optional<FamilyMember.PaperCardInfo> card = Optional.empty();
        if (json.containsKey("paper_card")) {
            Map<String, Object> kept = JsonFields.object(json.get("paper_card"), "paper_card");
            card = Optional.of(new FamilyMember.PaperCardInfo(JsonFields.string(kept, "status"),
                    Instant.ofEpochMilli(JsonFields.integer(kept, "issued_at")),
                    Instant.ofEpochMilli(JsonFields.integer(kept, "expires_at"))));
        }
        return new FamilyMember(JsonFields.string(json, "id"), JsonFields.string(json, "name"),
                JsonFields.string(json, "masked_id"), Relation.valueOf(JsonFields.string(json, "relation")),
                FamilyMember.State.valueOf(JsonFields.string(json, "state")),
                Consent.valueOf(JsonFields.string(json, "consent")),
                Instant.ofEpochMilli(JsonFields.integer(json, "requested_at")), instant(json, "consented_at"),
                instant(json, "ended_at"),
                json.containsKey("colour") ? Optional.of(Colour.valueOf(JsonFields.string(json, "colour")))
                        : Optional.<Colour>empty(),
                card);
    }

    private static Map<String, Object> json(Guardian guardian) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", guardian.id());
        json.put("name", guardian.maskedName());
        json.put("relation", guardian.relation().name());
        json.put("active", guardian.active());
        json.put("consent", guardian.consent().name());
        guardian.since().ifPresent(at -> json.put("since", at.toEpochMilli()));
        return json;
    }

    private static Guardian guardian(Map<String, Object> json) {
        Object active = json.get("active");
        if (!(active instanceof Boolean)) {
            throw new IllegalArgumentException("active is not a boolean");
        }
        return new Guardian(JsonFields.string(json, "id"), JsonFields.string(json, "name"),
                Relation.valueOf(JsonFields.string(json, "relation")), (Boolean) active,
                Consent.valueOf(JsonFields.string(json, "consent")), instant(json, "since"));
    }

    private static Optional<Instant> instant(Map<String, Object> json, String name) {
        return json.containsKey(name) ? Optional.of(Instant.ofEpochMilli(JsonFields.integer(json, name)))
                : Optional.<Instant>empty();
    }
}
