package io.tongxing.app.server.http;

import io.tongxing.app.model.employer.EmployerListing;
import io.tongxing.app.model.employer.EmployerRefusal;
import io.tongxing.app.model.employer.Employers;
import io.tongxing.app.model.employer.Enterprise;
import io.tongxing.app.server.EmployerService;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.jose.JsonFields;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The resident's side of being listed as an employee, over HTTP for the logged-in {@link AccountSession}:
 * {@code GET /api/v1/me/employers}, {@code POST /api/v1/me/employers/{listingId}/refusal},
 * {@code DELETE /api/v1/me/employer-refusals/{enterpriseId}} (docs/passes.md).
 */
public final class HttpEmployerApi implements EmployerService {
    private static final String EMPLOYERS = "/api/v1/me/employers";
    private static final String REFUSALS = "/api/v1/me/employer-refusals";

    private final AccountSession session;
    private final Clock clock;

    public HttpEmployerApi(AccountSession session, Clock clock) {
        this.session = Objects.requireNonNull(session, "session");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Employers employers() throws IOException, ServerRefusedException {
        Map<String, Object> json = session.call("GET", EMPLOYERS, null);
        try {
            List<EmployerListing> listings = new ArrayList<>();
            for (Object listing : JsonFields.list(json, "employers")) {
                listings.add(listing(HttpFamilyApi.object(listing)));
            }
            List<EmployerRefusal> refusals = new ArrayList<>();
            for (Object refusal : JsonFields.list(json, "refused")) {
                refusals.add(refusal(HttpFamilyApi.object(refusal)));
            }
            return new Employers(listings, refusals, clock.instant());
        } catch (IllegalArgumentException e) {
            throw new IOException("the server's list of employers is not readable: " + e.getMessage(), e);
        }
    }

    @Override
    public EmployerRefusal refuse(String listingId, Optional<String> reason) throws IOException, ServerRefusedException {
        Map<String, Object> body = new LinkedHashMap<>();
        reason.ifPresent(words -> body.put("reason", words));
        Map<String, Object> json = session.call("POST", HttpFamilyApi.path(EMPLOYERS, listingId, "/refusal"), body);
        try {
            return refusal(json);
        } catch (IllegalArgumentException e) {
            throw new IOException("the server's refusal is not readable: " + e.getMessage(), e);
        }
    }

    @Override
    public void withdraw(String enterpriseId) throws IOException, ServerRefusedException {
        session.call("DELETE", HttpFamilyApi.path(REFUSALS, enterpriseId, ""), null);
    }

    private static EmployerListing listing(Map<String, Object> json) throws IOException {
        return new EmployerListing(JsonFields.string(json, "listingId"), enterprise(json),
                HttpFamilyApi.required(json, "listedAt"), "ACTIVE".equals(JsonFields.string(json, "state")));
    }

    private static EmployerRefusal refusal(Map<String, Object> json) throws IOException {
        return new EmployerRefusal(enterprise(json), HttpFamilyApi.required(json, "refusedAt"),
                json.get("reason") instanceof String ? Optional.of((String) json.get("reason")) : Optional.<String>empty());
    }

    private static Enterprise enterprise(Map<String, Object> json) throws IOException {
        Map<String, Object> enterprise = HttpFamilyApi.object(json.get("enterprise"));
        return new Enterprise(JsonFields.string(enterprise, "id"), JsonFields.string(enterprise, "name"),
                JsonFields.string(enterprise, "creditCode"));
    }
}
