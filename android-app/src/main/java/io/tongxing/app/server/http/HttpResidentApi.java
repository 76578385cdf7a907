package io.tongxing.app.server.http;

import io.tongxing.app.model.resident.CheckIn;
import io.tongxing.app.model.resident.PassRecord;
import io.tongxing.app.model.resident.Symptom;
import io.tongxing.app.server.CheckInSubmitter;
import io.tongxing.app.server.ColourExplanations;
import io.tongxing.app.server.ResidentDownload;
import io.tongxing.app.server.ResidentSource;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.jose.JsonFields;
import io.tongxing.token.HolderKey;
import io.tongxing.token.PassModel;
import io.tongxing.token.RegionCode;
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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The resident API over HTTP, for the logged-in {@link AccountSession}: holder key, health code, passes and
 * pass applications, daily check-in and the colour's explanation.
 */
public final class HttpResidentApi implements ResidentSource, ColourExplanations, CheckInSubmitter {
    private final AccountSession session;
    private final Clock clock;

    public HttpResidentApi(AccountSession session, Clock clock) {
        this.session = Objects.requireNonNull(session, "session");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void registerHolderKey(HolderKey key) throws IOException, ServerRefusedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("publicKey", key.encoded());
        session.call("PUT", "/api/v1/me/holder-key", body);
    }

    @Override
    public ResidentDownload fetchCredentials() throws IOException, ServerRefusedException {
        Map<String, Object> code = session.call("GET", "/api/v1/me/health-code", null);
        List<Object> passes = session.list("GET", "/api/v1/me/passes");
        List<Object> applications = session.list("GET", "/api/v1/me/pass-applications");
        return download(code, passes, applications, clock);
    }

    /** A health code's JSON, passes and applications, as the phone keeps them (also a family member's). */
    static ResidentDownload download(Map<String, Object> code, List<Object> passes, List<Object> applications,
            Clock clock) throws IOException {
        Optional<String> token;
        try {
            token = Optional.of(JsonFields.string(code, "token"));
        } catch (IllegalArgumentException e) {
            throw new IOException("the server's health code has no token", e);
        }
        return new ResidentDownload(token, passRecords(passes, applications), serverTime(code, clock));
    }

    /**
     * The resident's passes (newest first), then the applications still waiting or refused (newest first).
     * An approved application is shown as its pass. A pass's applied date is its application's.
     */
    static List<PassRecord> passRecords(List<Object> passes, List<Object> applications) throws IOException {
        Map<String, Instant> applied = new LinkedHashMap<>();
        List<PassRecord> records = new ArrayList<>();
        for (Map<String, Object> application : objects(applications)) {
            String id = text(application, "id");
            Optional<Instant> at = instant(application.get("submittedAt"));
            at.ifPresent(instant -> applied.put(id, instant));
        }
        for (Map<String, Object> pass : objects(passes)) {
            records.add(pass(pass, applied));
        }
        for (Map<String, Object> application : objects(applications)) {
            application(application).ifPresent(records::add);
        }
        return records;
    }

    private static PassRecord pass(Map<String, Object> pass, Map<String, Instant> applied) throws IOException {
        String id = text(pass, "id");
        String state = text(pass, "state");
        PassRecord.Status status;
        switch (state) {
            case "VALID":
            case "EXPIRED": // the token's exp says so; the screen shows an issued pass past it as expired
                status = PassRecord.Status.ISSUED;
                break;
            case "SUSPENDED":
                status = PassRecord.Status.SUSPENDED;
                break;
            case "REVOKED":
                status = PassRecord.Status.REVOKED;
                break;
            default:
                throw new IOException("pass " + id + " is in an unknown state " + state);
        }
        Optional<String> reason = status == PassRecord.Status.ISSUED ? Optional.<String>empty() : lastReason(pass);
        Object applicationId = pass.get("applicationId");
        Optional<Instant> appliedAt = Optional.ofNullable(applicationId instanceof String ? applied.get(applicationId) : null);
        return new PassRecord(id, status, Optional.of(text(pass, "token")), model(pass.get("model")),
                route(pass.get("route")), reason, appliedAt);
    }

    /** A waiting or refused application; none for an approved one (its pass stands for it) or an unknown model. */
    private static Optional<PassRecord> application(Map<String, Object> application) throws IOException {
        String state = text(application, "state");
        PassRecord.Status status;
        if ("SUBMITTED".equals(state)) {
            status = PassRecord.Status.PENDING;
        } else if ("REJECTED".equals(state)) {
            status = PassRecord.Status.REFUSED;
        } else {
            return Optional.empty();
        }
        Object corridor = application.get("corridor");
        Map<?, ?> corridorJson = corridor instanceof Map ? (Map<?, ?>) corridor : Collections.emptyMap();
        Optional<PassModel> model = model(corridorJson.get("model"));
        if (!model.isPresent()) {
            return Optional.empty();
        }
        Optional<String> reason = Optional.empty();
        Object decision = application.get("decisionReason");
        if (status == PassRecord.Status.REFUSED && decision instanceof String && !((String) decision).isEmpty()) {
            reason = Optional.of((String) decision);
        }
        return Optional.of(new PassRecord(text(application, "id"), status, Optional.<String>empty(), model,
                route(corridorJson.get("regions")), reason, instant(application.get("submittedAt"))));
    }

    /**
     * Why the pass is where it is: the last transition's cause in the phone's language, and the words of
     * whoever caused it (a reviewer's, an employer's; the system's are a code, e.g. the colour, and left out).
     */
    private static Optional<String> lastReason(Map<String, Object> pass) {
        Object events = pass.get("events");
        if (!(events instanceof List) || ((List<?>) events).isEmpty()) {
            return Optional.empty();
        }
        Object last = ((List<?>) events).get(((List<?>) events).size() - 1);
        if (!(last instanceof Map)) {
            return Optional.empty();
        }
        Map<?, ?> event = (Map<?, ?>) last;
        String cause = event.get("causeText") instanceof String ? (String) event.get("causeText") : "";
        String words = event.get("reason") instanceof String && !"SYSTEM".equals(event.get("by"))
                ? (String) event.get("reason") : "";
        if (cause.isEmpty() && words.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(cause.isEmpty() ? words : words.isEmpty() ? cause : cause + " — " + words);
    }

    private static Optional<PassModel> model(Object name) {
        if (name instanceof String) {
            for (PassModel model : PassModel.values()) {
                if (model.name().equals(name)) {
                    return Optional.of(model);
                }
            }
        }
        return Optional.empty();
    }

    private static List<RegionCode> route(Object regions) {
        List<RegionCode> route = new ArrayList<>();
        if (regions instanceof List) {
            for (Object region : (List<?>) regions) {
                if (region instanceof String) {
                    RegionCode.parse((String) region).ifPresent(route::add);
                }
            }
        }
        return route;
    }

    private static Optional<Instant> instant(Object text) {
        if (text instanceof String) {
            try {
                return Optional.of(ZonedDateTime.parse((String) text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(List<Object> array) throws IOException {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object element : array) {
            if (!(element instanceof Map)) {
                throw new IOException("the server's list holds something other than objects");
            }
            objects.add((Map<String, Object>) element);
        }
        return objects;
    }

    private static String text(Map<String, Object> json, String field) throws IOException {
        try {
            return JsonFields.string(json, field);
        } catch (IllegalArgumentException e) {
            throw new IOException("the server's pass or application has no " + field, e);
        }
    }

    /** The code's issue time is the server's clock at most an hour ago; the phone's clock if later. */
    private static Instant serverTime(Map<String, Object> code, Clock clock) {
        Instant now = clock.instant();
        Object issued = code.get("issuedAt");
        if (issued instanceof String) {
            try {
                Instant at = ZonedDateTime.parse((String) issued, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                return at.isAfter(now) ? at : now;
            } catch (DateTimeParseException e) {
                return now;
            }
        }
        return now;
    }

    @Override
    public String explain(Locale in) throws IOException, ServerRefusedException {
        Map<String, Object> explanation = session.call("GET", "/api/v1/me/colour/explanation", null,
                () -> Collections.singletonMap("Accept-Language", ApiClient.languageTag(in)));
        StringBuilder text = new StringBuilder();
        Object summary = explanation.get("summary");
        if (summary instanceof String) {
            text.append((String) summary);
        }
        Object findings = explanation.get("findings");
        if (findings instanceof List) {
            for (Object finding : (List<?>) findings) {
                Object line = finding instanceof Map ? ((Map<?, ?>) finding).get("text") : null;
                if (line instanceof String && !((String) line).isEmpty()) {
                    text.append('\n').append("• ").append((String) line);
                }
            }
        }
        if (text.length() == 0) {
            throw new IOException("the server's explanation has no text");
        }
        return text.toString();
    }

    @Override
    public void submit(CheckIn checkIn) throws IOException, ServerRefusedException {
        session.call("POST", "/api/v1/me/check-ins", body(checkIn));
    }

    /** A check-in as the API takes it (the resident's own, or a family member's). */
    static Map<String, Object> body(CheckIn checkIn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("temperature", checkIn.temperature());
        List<Object> symptoms = new ArrayList<>();
        for (Symptom symptom : checkIn.symptoms()) {
            symptoms.add(apiName(symptom));
        }
        if (symptoms.isEmpty()) {
            symptoms.add("NONE");
        }
        body.put("symptoms", symptoms);
        List<Object> visits = new ArrayList<>();
        for (CheckIn.Visit visit : checkIn.visits()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("countyCode", visit.county().value());
            json.put("date", visit.date().toString());
            visits.add(json);
        }
        body.put("visits", visits);
        return body;
    }

    /** The API's name of a symptom (the app's enum follows British spelling in two places). */
    static String apiName(Symptom symptom) {
        switch (symptom) {
            case SHORT_OF_BREATH:
                return "SHORTNESS_OF_BREATH";
            case DIARRHOEA:
                return "DIARRHEA";
            case LOSS_OF_TASTE_OR_SMELL:
                return "LOSS_OF_SMELL_OR_TASTE";
            default:
                return symptom.name();
        }
    }
}
