package io.tongxing.app.model.resident;

import io.tongxing.app.model.Restorable;
import io.tongxing.app.model.ScreenModel;
import io.tongxing.app.model.Signal;
import io.tongxing.app.server.CheckInSubmitter;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.token.RegionCode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * The daily check-in form: temperature, symptoms, and counties visited in the last 14 days (GB/T 2260
 * county codes with dates). Messages appear next to the field they are about, once the person has tried
 * to submit, and then follow every edit. What was typed is kept when the server cannot be reached.
 */
public final class CheckInForm extends ScreenModel<CheckInForm.State> implements Restorable {
    static final BigDecimal LOWEST = new BigDecimal("34.0");
    static final BigDecimal HIGHEST = new BigDecimal("43.0");
    /** Today and the 13 days before it. */
    static final int VISIT_DAYS = 14;
    private static final Pattern TEMPERATURE = Pattern.compile("[0-9]{2}(\\.[0-9]{1,2})?");
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-M-d", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private final CheckInSubmitter submitter;
    private final Clock clock;
    private final Localizer words;
    private final Executor background;
    private final Optional<CountyDirectory> counties;
    /** Whose check-in it is, when it is a family member's: the header says so on every screenful. */
    private final Optional<String> familyMember;

    private String temperature = "";
    private final Set<Symptom> symptoms = EnumSet.noneOf(Symptom.class);
    private boolean noSymptoms;
    private final List<String[]> visits = new ArrayList<>();
    private boolean attempted;
    private Phase phase = Phase.EDITING;
    private Optional<String> message = Optional.empty();

    /** Where the form stands. */
    public enum Phase { EDITING, SENDING, SENT, OFFLINE, REFUSED }

    /** @param owner whose check-in this is, when it is a family member's: a band naming them */
    public record State(String temperature, Optional<String> temperatureError, List<SymptomOption> symptoms,
            boolean noSymptoms, Optional<String> symptomsError, List<VisitRow> visits, Phase phase,
            Optional<String> message, boolean submitEnabled, Optional<Signal> owner) {
        public State {
            symptoms = Collections.unmodifiableList(new ArrayList<>(symptoms));
            visits = Collections.unmodifiableList(new ArrayList<>(visits));
        }
    }

    /** A symptom's checkbox. */
    public record SymptomOption(Symptom symptom, String label, boolean checked) {
    }

    /**
     * One visited county as chosen, with its messages; {@code countyLabel} is its name ("北京市 通州区") when the
     * GB/T 2260 list holds it.
     */
    public record VisitRow(String county, String date, Optional<String> countyLabel, Optional<String> countyError,
            Optional<String> dateError) {
    }

    public CheckInForm(CheckInSubmitter submitter, Clock clock, Localizer words, Executor background) {
        this(submitter, clock, words, background, Optional.empty());
    }

    public CheckInForm(CheckInSubmitter submitter, Clock clock, Localizer words, Executor background,
            Optional<CountyDirectory> counties) {
        this(submitter, clock, words, background, counties, Optional.empty());
    }

    /**
     * @param familyMember the name of the family member this check-in is for (the guardian checks in for them),
     *     or empty for the resident's own
     */
    public CheckInForm(CheckInSubmitter submitter, Clock clock, Localizer words, Executor background,
            Optional<CountyDirectory> counties, Optional<String> familyMember) {
        super(new State("", Optional.empty(), Collections.emptyList(), false, Optional.empty(),
                Collections.emptyList(), Phase.EDITING, Optional.empty(), true, Optional.empty()));
        this.familyMember = Objects.requireNonNull(familyMember, "familyMember");
        this.submitter = Objects.requireNonNull(submitter, "submitter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.words = Objects.requireNonNull(words, "words");
        this.background = Objects.requireNonNull(background, "background");
        this.counties = Objects.requireNonNull(counties, "counties");
        render();
    }

    /** The first and last days a visit may be on: the 14 days up to today. */
    public LocalDate firstVisitDay() {
        return LocalDate.now(clock).minusDays(VISIT_DAYS - 1);
    }

    public LocalDate lastVisitDay() {
        return LocalDate.now(clock);
    }

    @Override
    public synchronized Map<String, String> saved() {
        Map<String, String> saved = new LinkedHashMap<>();
        saved.put("temperature", temperature);
        StringBuilder checked = new StringBuilder();
        for (Symptom symptom : symptoms) {
            checked.append(checked.length() == 0 ? "" : ",").append(symptom.name());
        }
        saved.put("symptoms", checked.toString());
        saved.put("noSymptoms", Boolean.toString(noSymptoms));
        saved.put("attempted", Boolean.toString(attempted));
        saved.put("visits", Integer.toString(visits.size()));
        for (int i = 0; i < visits.size(); i++) {
            saved.put("visit." + i + ".county", visits.get(i)[0]);
            saved.put("visit." + i + ".date", visits.get(i)[1]);
        }
        return saved;
    }

    @Override
    public synchronized void restore(Map<String, String> saved) {
        temperature = saved.getOrDefault("temperature", "");
        symptoms.clear();
        for (String name : saved.getOrDefault("symptoms", "").split(",")) {
            for (Symptom symptom : Symptom.values()) {
                if (symptom.name().equals(name)) {
                    symptoms.add(symptom);
                }
            }
        }
        noSymptoms = Boolean.parseBoolean(saved.get("noSymptoms"));
        attempted = Boolean.parseBoolean(saved.get("attempted"));
        visits.clear();
        int count = Integer.parseInt(saved.getOrDefault("visits", "0"));
        for (int i = 0; i < count; i++) {
            visits.add(new String[] {saved.getOrDefault("visit." + i + ".county", ""),
                    saved.getOrDefault("visit." + i + ".date", "")});
        }
        render();
    }

    public synchronized void setTemperature(String text) {
        temperature = text == null ? "" : text;
        edited();
    }

    public synchronized void setSymptom(Symptom symptom, boolean checked) {
        if (checked) {
            symptoms.add(symptom);
        } else {
            symptoms.remove(symptom);
        }
        edited();
    }

    public synchronized void setNoSymptoms(boolean checked) {
        noSymptoms = checked;
        edited();
    }

    public synchronized void addVisit() {
        visits.add(new String[] {"", ""});
        edited();
    }

    public synchronized void setVisit(int row, String county, String date) {
        visits.set(row, new String[] {county == null ? "" : county, date == null ? "" : date});
        edited();
    }

    public synchronized void removeVisit(int row) {
        visits.remove(row);
        edited();
    }

    /** Validates; if the form is complete, sends it off the main thread. */
    public synchronized void submit() {
        if (phase == Phase.SENDING) {
            return;
        }
        attempted = true;
        Optional<CheckIn> checkIn = validated();
        if (!checkIn.isPresent()) {
            phase = Phase.EDITING;
            message = Optional.of(words.text(Text.CHECKIN_FIX_ERRORS));
            render();
            return;
        }
        phase = Phase.SENDING;
        message = Optional.of(words.text(Text.CHECKIN_SENDING));
        render();
        background.execute(() -> {
            Phase outcome;
            String said;
            try {
                submitter.submit(checkIn.get());
                outcome = Phase.SENT;
                said = words.text(Text.CHECKIN_SENT);
            } catch (IOException e) {
                outcome = Phase.OFFLINE;
                said = words.text(Text.CHECKIN_OFFLINE);
            } catch (ServerRefusedException e) {
                outcome = Phase.REFUSED;
                said = words.text(Text.CHECKIN_REJECTED, e.getMessage());
            }
            synchronized (this) {
                phase = outcome;
                message = Optional.of(said);
                render();
            }
        });
    }

    private void edited() {
        if (phase != Phase.SENDING) {
            phase = Phase.EDITING;
            message = Optional.empty();
        }
        render();
    }

    private Optional<CheckIn> validated() {
        LocalDate today = LocalDate.now(clock);
        Optional<BigDecimal> celsius = parseTemperature(temperature);
        boolean valid = !temperatureError(celsius).isPresent() && !symptomsError().isPresent();
        List<CheckIn.Visit> parsed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String[] visit : visits) {
            if (visit[0].trim().isEmpty() && visit[1].trim().isEmpty()) {
                continue;
            }
            if (countyError(visit[0]).isPresent() || dateError(visit[1], today).isPresent()
                    || duplicate(visit, seen)) {
                valid = false;
                continue;
            }
            parsed.add(new CheckIn.Visit(RegionCode.of(visit[0].trim()), LocalDate.parse(visit[1].trim(), DATE)));
        }
        if (!valid) {
            return Optional.empty();
        }
        return Optional.of(new CheckIn(today, celsius.get(), symptoms, parsed));
    }

    private void render() {
        LocalDate today = LocalDate.now(clock);
        Optional<String> temperatureError = attempted ? temperatureError(parseTemperature(temperature)) : Optional.empty();
        Optional<String> symptomsError = attempted ? symptomsError() : Optional.empty();
        List<SymptomOption> options = new ArrayList<>();
        for (Symptom symptom : Symptom.values()) {
            options.add(new SymptomOption(symptom, words.text(symptom.label()), symptoms.contains(symptom)));
        }
        List<VisitRow> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String[] visit : visits) {
            boolean blank = visit[0].trim().isEmpty() && visit[1].trim().isEmpty();
            Optional<String> countyError = attempted && !blank ? countyError(visit[0]) : Optional.<String>empty();
            Optional<String> dateError = attempted && !blank ? dateError(visit[1], today) : Optional.<String>empty();
            if (attempted && !blank && !countyError.isPresent() && !dateError.isPresent() && duplicate(visit, seen)) {
                dateError = Optional.of(words.text(Text.CHECKIN_VISIT_DUPLICATE));
            }
            Optional<String> label = counties.flatMap(c -> c.label(visit[0].trim()));
            rows.add(new VisitRow(visit[0], visit[1], label, countyError, dateError));
        }
        publish(new State(temperature, temperatureError, options, noSymptoms, symptomsError, rows, phase, message,
                phase != Phase.SENDING,
                familyMember.map(name -> HealthCodeScreen.owner(words.text(Text.FAMILY_CHECKIN_FOR, name)))));
    }

    static Optional<BigDecimal> parseTemperature(String text) {
        String cleaned = text.trim().replace('，', '.').replace(',', '.').replace("℃", "").replace("°C", "")
                .replace("°", "").trim();
        if (!TEMPERATURE.matcher(cleaned).matches()) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(cleaned));
    }

    private Optional<String> temperatureError(Optional<BigDecimal> celsius) {
        if (temperature.trim().isEmpty()) {
            return Optional.of(words.text(Text.CHECKIN_TEMPERATURE_MISSING));
        }
        if (!celsius.isPresent()) {
            return Optional.of(words.text(Text.CHECKIN_TEMPERATURE_NOT_NUMBER));
        }
        if (celsius.get().compareTo(LOWEST) < 0 || celsius.get().compareTo(HIGHEST) > 0) {
            return Optional.of(words.text(Text.CHECKIN_TEMPERATURE_RANGE));
        }
        return Optional.empty();
    }

    private Optional<String> symptomsError() {
        if (noSymptoms && !symptoms.isEmpty()) {
            return Optional.of(words.text(Text.CHECKIN_SYMPTOMS_CONFLICT));
        }
        if (!noSymptoms && symptoms.isEmpty()) {
            return Optional.of(words.text(Text.CHECKIN_SYMPTOMS_MISSING));
        }
        return Optional.empty();
    }

    private Optional<String> countyError(String text) {
        Optional<RegionCode> county = RegionCode.parse(text.trim());
        if (!county.isPresent()) {
            return Optional.of(words.text(Text.CHECKIN_VISIT_CODE_INVALID));
        }
        if (county.get().isProvince() || county.get().isPrefecture()) {
            return Optional.of(words.text(Text.CHECKIN_VISIT_CODE_NOT_COUNTY, county.get().value()));
        }
        return Optional.empty();
    }

    private Optional<String> dateError(String text, LocalDate today) {
        LocalDate date;
        try {
            date = LocalDate.parse(text.trim(), DATE);
        } catch (DateTimeParseException e) {
            return Optional.of(words.text(Text.CHECKIN_VISIT_DATE_INVALID));
        }
        if (date.isAfter(today)) {
            return Optional.of(words.text(Text.CHECKIN_VISIT_DATE_FUTURE));
        }
        LocalDate first = today.minusDays(VISIT_DAYS - 1);
        if (date.isBefore(first)) {
            return Optional.of(words.text(Text.CHECKIN_VISIT_DATE_OLD, first.toString()));
        }
        return Optional.empty();
    }

    /** True if this (valid) county and date came earlier in the list; records it in {@code seen}. */
    private static boolean duplicate(String[] visit, Set<String> seen) {
        String key;
        try {
            key = visit[0].trim() + '@' + LocalDate.parse(visit[1].trim(), DATE);
        } catch (DateTimeParseException e) {
            return false;
        }
        return !seen.add(key);
    }
}
