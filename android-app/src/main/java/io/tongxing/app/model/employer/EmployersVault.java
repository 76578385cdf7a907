package io.tongxing.app.model.employer;

import io.tongxing.app.model.resident.ResidentVault;
import io.tongxing.app.platform.SecureStore;
import io.tongxing.app.storage.JsonValue;
import io.tongxing.jose.JsonFields;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who lists this resident, as the phone last received it, encrypted at rest in one {@link SecureStore} value,
 * with the listings the resident has seen on the screen and those a notification already told of: a listing
 * neither seen nor told is new. It belongs to the resident's session: {@link ResidentVault#clear} removes it
 * ({@link #NAME} is kept with the resident's codes).
 */
public final class EmployersVault {
    /** The store's value. */
    public static final String NAME = "employers";

    private final JsonValue value;

    public EmployersVault(SecureStore store) {
        this.value = new JsonValue(store, NAME, "the stored employers");
    }

    /** The list last received, if any. */
    public synchronized Optional<Employers> employers() throws IOException {
        Map<String, Object> json = value.read();
        if (!json.containsKey("received_at")) {
            return Optional.empty();
        }
        try {
            List<EmployerListing> listings = new ArrayList<>();
            for (Object listing : JsonFields.list(json, "listings")) {
                listings.add(listing(JsonFields.object(listing, "listings[]")));
            }
            List<EmployerRefusal> refusals = new ArrayList<>();
            for (Object refusal : JsonFields.list(json, "refusals")) {
                refusals.add(refusal(JsonFields.object(refusal, "refusals[]")));
            }
            return Optional.of(new Employers(listings, refusals, Instant.ofEpochMilli(JsonFields.integer(json, "received_at"))));
        } catch (IllegalArgumentException e) {
            throw new IOException("the stored employers are not readable: " + e.getMessage(), e);
        }
    }

    /** Keeps {@code employers}; what was seen and told of listings no longer listed is dropped. */
    public synchronized void save(Employers employers) throws IOException {
        Map<String, Object> json = value.read();
        json.put("received_at", employers.receivedAt().toEpochMilli());
        List<Object> listings = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (EmployerListing listing : employers.listings()) {
            listings.add(json(listing));
            ids.add(listing.listingId());
        }
        json.put("listings", listings);
        List<Object> refusals = new ArrayList<>();
        for (EmployerRefusal refusal : employers.refusals()) {
            refusals.add(json(refusal));
        }
        json.put("refusals", refusals);
        for (String set : new String[] {"seen", "told"}) {
            Set<String> kept = ids(json, set);
            kept.retainAll(ids);
            json.put(set, new ArrayList<Object>(kept));
        }
        value.write(json);
    }

    /** The active listings kept that the resident has neither seen on the screen nor been told of. */
    public synchronized List<EmployerListing> untold() throws IOException {
        Map<String, Object> json = value.read();
        Set<String> known = ids(json, "seen");
        known.addAll(ids(json, "told"));
        return unknown(known);
    }

    /** The active listings kept that the resident has not seen on the screen: the home screen's badge. */
    public synchronized List<EmployerListing> unseen() throws IOException {
        return unknown(ids(value.read(), "seen"));
    }

    /** The resident saw these listings on the screen. */
    public synchronized void seen(Collection<String> listingIds) throws IOException {
        add("seen", listingIds);
    }

    /** A notification told the resident of these listings. */
    public synchronized void told(Collection<String> listingIds) throws IOException {
        add("told", listingIds);
    }

    private List<EmployerListing> unknown(Set<String> known) throws IOException {
        List<EmployerListing> unknown = new ArrayList<>();
        Optional<Employers> employers = employers();
        if (employers.isPresent()) {
            for (EmployerListing listing : employers.get().listings()) {
                if (listing.active() && !known.contains(listing.listingId())) {
                    unknown.add(listing);
                }
            }
        }
        return unknown;
    }

    private void add(String set, Collection<String> listingIds) throws IOException {
        Map<String, Object> json = value.read();
        Set<String> ids = ids(json, set);
        if (ids.addAll(listingIds)) {
            json.put(set, new ArrayList<Object>(ids));
            value.write(json);
        }
    }

    private static Set<String> ids(Map<String, Object> json, String set) {
        Set<String> ids = new LinkedHashSet<>();
        Object kept = json.get(set);
        if (kept instanceof List) {
            for (Object id : (List<?>) kept) {
                if (id instanceof String) {
                    ids.add((String) id);
                }
            }
        }
        return ids;
    }

    private static Map<String, Object> json(Enterprise enterprise) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", enterprise.id());
        json.put("name", enterprise.name());
        json.put("credit_code", enterprise.creditCode());
        return json;
    }

    private static Enterprise enterprise(Map<String, Object> json) {
        Map<String, Object> enterprise = JsonFields.object(json.get("enterprise"), "enterprise");
        return new Enterprise(JsonFields.string(enterprise, "id"), JsonFields.string(enterprise, "name"),
                JsonFields.string(enterprise, "credit_code"));
    }

    private static Map<String, Object> json(EmployerListing listing) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", listing.listingId());
        json.put("enterprise", json(listing.enterprise()));
        json.put("listed_at", listing.listedAt().toEpochMilli());
        json.put("state", listing.active() ? "ACTIVE" : "ENDED");
        return json;
    }

    private static EmployerListing listing(Map<String, Object> json) {
        return new EmployerListing(JsonFields.string(json, "id"), enterprise(json),
                Instant.ofEpochMilli(JsonFields.integer(json, "listed_at")), "ACTIVE".equals(JsonFields.string(json, "state")));
    }

    private static Map<String, Object> json(EmployerRefusal refusal) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("enterprise", json(refusal.enterprise()));
        json.put("refused_at", refusal.refusedAt().toEpochMilli());
        refusal.reason().ifPresent(reason -> json.put("reason", reason));
        return json;
    }

    private static EmployerRefusal refusal(Map<String, Object> json) {
        return new EmployerRefusal(enterprise(json), Instant.ofEpochMilli(JsonFields.integer(json, "refused_at")),
                json.containsKey("reason") ? Optional.of(JsonFields.string(json, "reason")) : Optional.<String>empty());
    }
}
