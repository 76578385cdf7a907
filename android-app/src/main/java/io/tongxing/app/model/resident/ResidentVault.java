package io.tongxing.app.model.resident;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.tongxing.app.platform.SecureStore;
import io.tongxing.jose.JsonFields;
import io.tongxing.token.PassModel;
import io.tongxing.token.RegionCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps the resident's last {@link ResidentSnapshot} encrypted at rest, as JSON in the {@link SecureStore}. What
 * else the resident's session keeps on the phone (the family's codes) is forgotten with it: {@link #clear}.
 */
public final class ResidentVault implements SnapshotSource {
    static final String NAME = "resident-snapshot";

    private final SecureStore store;
    private final List<String> keptWith;
    private final List<Runnable> onClear = new CopyOnWriteArrayList<>();

    public ResidentVault(SecureStore store) {
        this(store, Collections.<String>emptyList());
    }

    /** @param keptWith other values of {@code store} that belong to the resident's session and go with it */
    public ResidentVault(SecureStore store, List<String> keptWith) {
        this.store = Objects.requireNonNull(store, "store");
        this.keptWith = new ArrayList<>(keptWith);
    }

    @Override
    public Optional<ResidentSnapshot> load() throws IOException {
        Optional<byte[]> bytes = store.read(NAME);
        if (!bytes.isPresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of(snapshot(JSONObjectUtils.parse(new String(bytes.get(), StandardCharsets.UTF_8))));
        } catch (ParseException | IllegalArgumentException e) {
            throw new IOException("the stored codes are not readable: " + e.getMessage(), e);
        }
    }

    /** A snapshot from its JSON ({@link #json}). */
    public static ResidentSnapshot snapshot(Map<String, Object> json) {
        Optional<String> healthCode = json.containsKey("health_code")
                ? Optional.of(JsonFields.string(json, "health_code")) : Optional.empty();
        List<PassRecord> passes = new ArrayList<>();
        for (Object pass : JsonFields.list(json, "passes")) {
            passes.add(pass(JsonFields.object(pass, "passes[]")));
        }
        return new ResidentSnapshot(healthCode, passes, Instant.ofEpochMilli(JsonFields.integer(json, "received_at")));
    }

    /**
     * Removes the kept codes and passes, and everything kept with them (at logout, or when the phone moves to
     * another server: the next person on this phone must not see them).
     */
    public void clear() throws IOException {
        store.delete(NAME);
        for (String other : keptWith) {
            store.delete(other);
        }
        for (Runnable also : onClear) {
            also.run();
        }
    }

    /** Runs {@code also} at every {@link #clear}: files the resident's session left outside the store. */
    public void whenCleared(Runnable also) {
        onClear.add(Objects.requireNonNull(also, "also"));
    }

    public void save(ResidentSnapshot snapshot) throws IOException {
        store.write(NAME, JSONObjectUtils.toJSONString(json(snapshot)).getBytes(StandardCharsets.UTF_8));
    }

    /** The snapshot as JSON, as it is stored. */
    public static Map<String, Object> json(ResidentSnapshot snapshot) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("received_at", snapshot.receivedAt().toEpochMilli());
        snapshot.healthCode().ifPresent(code -> json.put("health_code", code));
        List<Object> passes = new ArrayList<>();
        for (PassRecord pass : snapshot.passes()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", pass.id());
            p.put("status", pass.status().name());
            pass.token().ifPresent(t -> p.put("token", t));
            pass.model().ifPresent(m -> p.put("model", m.code()));
            List<String> route = new ArrayList<>();
            for (RegionCode region : pass.route()) {
                route.add(region.value());
            }
            p.put("route", route);
            pass.reason().ifPresent(r -> p.put("reason", r));
            pass.appliedAt().ifPresent(a -> p.put("applied_at", a.toEpochMilli()));
            passes.add(p);
        }
        json.put("passes", passes);
        return json;
    }

    private static PassRecord pass(Map<String, Object> json) {
        List<RegionCode> route = new ArrayList<>();
        for (String code : JsonFields.strings(json, "route")) {
            route.add(RegionCode.of(code));
        }
        return new PassRecord(JsonFields.string(json, "id"),
                PassRecord.Status.valueOf(JsonFields.string(json, "status")),
                optionalString(json, "token"),
                optionalString(json, "model").map(code -> PassModel.ofCode(code)
                        .orElseThrow(() -> new IllegalArgumentException("unknown pass model " + code))),
                route, optionalString(json, "reason"),
                json.containsKey("applied_at")
                        ? Optional.of(Instant.ofEpochMilli(JsonFields.integer(json, "applied_at")))
                        : Optional.empty());
    }

    private static Optional<String> optionalString(Map<String, Object> json, String name) {
        return json.containsKey(name) ? Optional.of(JsonFields.string(json, name)) : Optional.empty();
    }
}
