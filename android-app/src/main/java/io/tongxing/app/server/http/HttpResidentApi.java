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
 * The resident API over HTTP, for the logged-in {@link AccountSession}: holder key, health code, daily
 * check-in and the colour's explanation.
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
        Optional<String> token;
        try {
            token = Optional.of(JsonFields.string(code, "token"));
        } catch (IllegalArgumentException e) {
            throw new IOException("the server's health code has no token", e);
        }
        return new ResidentDownload(token, passes(), serverTime(code));
    }

    /** Passes and applications arrive with the passes API; until then a resident has none. */
    private List<PassRecord> passes() {
        return Collections.emptyList();
    }

    /** The code's issue time is the server's clock at most an hour ago; the phone's clock if later. */
    private Instant serverTime(Map<String, Object> code) {
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
        session.call("POST", "/api/v1/me/check-ins", body);
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
