package io.tongxing.app.server.http;

import io.tongxing.app.model.family.Consent;
import io.tongxing.app.model.family.FamilyMember;
import io.tongxing.app.model.family.Guardian;
import io.tongxing.app.model.family.Relation;
import io.tongxing.app.model.resident.CheckIn;
import io.tongxing.app.server.FamilyService;
import io.tongxing.app.server.ResidentDownload;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.jose.JsonFields;
import io.tongxing.token.Colour;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The family endpoints of the resident API over HTTP, for the logged-in {@link AccountSession}
 * ({@code /api/v1/me/dependants…}, {@code /api/v1/me/guardians…}; docs/no-smartphone.md).
 */
public final class HttpFamilyApi implements FamilyService {
    private static final String DEPENDANTS = "/api/v1/me/dependants";
    private static final String GUARDIANS = "/api/v1/me/guardians";
    /** Ids go into paths: only the server's UUIDs do. */
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final AccountSession session;
    private final Clock clock;

    public HttpFamilyApi(AccountSession session, Clock clock) {
        this.session = Objects.requireNonNull(session, "session");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<FamilyMember> members() throws IOException, ServerRefusedException {
        List<FamilyMember> members = new ArrayList<>();
        for (Object member : session.list("GET", DEPENDANTS)) {
            members.add(member(object(member)));
        }
        return members;
    }

    @Override
    public List<Guardian> guardians() throws IOException, ServerRefusedException {
        List<Guardian> guardians = new ArrayList<>();
        for (Object guardian : session.list("GET", GUARDIANS)) {
            guardians.add(guardian(object(guardian)));
        }
        return guardians;
    }

    @Override
    public FamilyMember request(String name, String idNumber, Relation relation, Consent consent)
            throws IOException, ServerRefusedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("idNumber", idNumber);
        body.put("relation", relation.name());
        body.put("consent", consent.name());
        return member(session.call("POST", DEPENDANTS, body));
    }

    @Override
    public FamilyMember confirm(String memberId, String code) throws IOException, ServerRefusedException {
        return member(session.call("POST", path(DEPENDANTS, memberId, "/consent"),
                Collections.<String, Object>singletonMap("code", code)));
    }

    @Override
    public FamilyMember end(String memberId, String reason) throws IOException, ServerRefusedException {
        return member(session.call("POST", path(DEPENDANTS, memberId, "/end"),
                Collections.<String, Object>singletonMap("reason", reason)));
    }

    @Override
    public Guardian endGuardian(String linkId, String reason) throws IOException, ServerRefusedException {
        return guardian(session.call("POST", path(GUARDIANS, linkId, "/end"),
                Collections.<String, Object>singletonMap("reason", reason)));
    }

    @Override
    public ResidentDownload memberCredentials(String memberId) throws IOException, ServerRefusedException {
        Map<String, Object> code = session.call("GET", path(DEPENDANTS, memberId, "/health-code"), null);
        List<Object> passes = session.list("GET", path(DEPENDANTS, memberId, "/passes"));
        return HttpResidentApi.download(code, passes, Collections.emptyList(), clock);
    }

    @Override
    public void checkIn(String memberId, CheckIn checkIn) throws IOException, ServerRefusedException {
        session.call("POST", path(DEPENDANTS, memberId, "/check-ins"), HttpResidentApi.body(checkIn));
    }

    @Override
    public byte[] paperCard(String memberId) throws IOException, ServerRefusedException {
        byte[] pdf = session.document("POST", path(DEPENDANTS, memberId, "/paper-card"), "application/pdf");
        if (pdf.length < 5 || pdf[0] != '%' || pdf[1] != 'P' || pdf[2] != 'D' || pdf[3] != 'F') {
            throw new IOException("the server's paper card is not a PDF");
        }
        return pdf;
    }

    /** {@code base/id tail}; only a server's UUID goes into a path. */
    static String path(String base, String id, String tail) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a server id: " + id);
        }
        return base + "/" + id + tail;
    }

    // ---- the API's JSON ----

    static FamilyMember member(Map<String, Object> json) throws IOException {
        try {
            Optional<Colour> colour = json.get("colour") instanceof String
                    ? Optional.of(Colour.valueOf((String) json.get("colour"))) : Optional.<Colour>empty();
            Optional<FamilyMember.PaperCardInfo> card = Optional.empty();
            if (json.get("paperCard") instanceof Map) {
                Map<String, Object> kept = JsonFields.object(json.get("paperCard"), "paperCard");
                card = Optional.of(new FamilyMember.PaperCardInfo(JsonFields.string(kept, "status"),
                        required(kept, "issuedAt"), required(kept, "expiresAt")));
            }
            return new FamilyMember(JsonFields.string(json, "id"), JsonFields.string(json, "name"),
                    JsonFields.string(json, "maskedIdNumber"), known(Relation.of(JsonFields.string(json, "relation")),
                    "relation"), FamilyMember.State.valueOf(JsonFields.string(json, "state")),
                    known(Consent.of(JsonFields.string(json, "consent")), "consent"), required(json, "requestedAt"),
                    instant(json.get("consentedAt")), instant(json.get("endedAt")), colour, card);
        } catch (IllegalArgumentException e) {
            throw new IOException("the server's family member is not readable: " + e.getMessage(), e);
        }
    }

    static Guardian guardian(Map<String, Object> json) throws IOException {
        try {
            return new Guardian(JsonFields.string(json, "id"), JsonFields.string(json, "guardianName"),
                    known(Relation.of(JsonFields.string(json, "relation")), "relation"),
                    "ACTIVE".equals(JsonFields.string(json, "state")),
                    known(Consent.of(JsonFields.string(json, "consent")), "consent"), instant(json.get("since")));
        } catch (IllegalArgumentException e) {
            throw new IOException("the server's guardian is not readable: " + e.getMessage(), e);
        }
    }

    private static <T> T known(Optional<T> value, String name) {
        return value.orElseThrow(() -> new IllegalArgumentException("unknown " + name));
    }

    static Instant required(Map<String, Object> json, String name) {
        return instant(json.get(name)).orElseThrow(() -> new IllegalArgumentException("no " + name));
    }

    static Optional<Instant> instant(Object text) {
        if (text instanceof String) {
            try {
                return Optional.of(ZonedDateTime.parse((String) text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a time: " + text, e);
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object element) throws IOException {
        if (!(element instanceof Map)) {
            throw new IOException("the server's list holds something other than objects");
        }
        return (Map<String, Object>) element;
    }
}
