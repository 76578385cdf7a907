package io.tongxing.app.model.family;

import io.tongxing.app.model.FormFields;
import io.tongxing.app.model.IdNumberProblems;
import io.tongxing.app.model.Restorable;
import io.tongxing.app.model.ScreenModel;
import io.tongxing.app.server.FamilyService;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.identity.ResidentIdNumbers;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Adding a family member: their name and ID number (checked here against GB 11643 before anything is sent),
 * what they are to the resident, and how they agree. With a code to their phone the form then asks for the code
 * they read out; at the community desk it says what to bring. The server answers the request the same way
 * whoever the name and number belong to, and so does this form: it never says whether a code was sent.
 * Opened for a member already asked for ({@link #forCode}), it asks for the code only.
 */
public final class FamilyMemberForm extends ScreenModel<FamilyMemberForm.State> implements Restorable {
    /** The fields, each with its own message. */
    public enum Field { NAME, ID_NUMBER, RELATION, CONSENT, CODE }

    /** Where the form stands. */
    public enum Phase {
        EDITING,
        SENDING,
        /** Asked with a code to the member's phone: the code they read out is wanted. */
        AWAITING_CODE,
        CONFIRMING,
        /** Asked for consent at the desk: the form says what to bring, and is done. */
        AWAITING_DESK,
        /** The member agreed by code: linked. */
        LINKED
    }

    /** A choice on screen. */
    public record Choice<T>(T value, String label, boolean chosen) {
    }

    /**
     * @param header who the code is for, once a request exists
     * @param message what became of the last action, or what to do next
     * @param done nothing is left to do here (linked, or the desk will finish it)
     */
    public record State(Phase phase, Map<Field, String> errors, List<Choice<Relation>> relations,
            List<Choice<Consent>> consents, Optional<String> header, Optional<String> message, boolean enabled,
            boolean done) {
        public State {
            EnumMap<Field, String> copy = new EnumMap<>(Field.class);
            copy.putAll(errors);
            errors = Collections.unmodifiableMap(copy);
            relations = Collections.unmodifiableList(new ArrayList<>(relations));
            consents = Collections.unmodifiableList(new ArrayList<>(consents));
        }

        public Optional<String> error(Field field) {
            return Optional.ofNullable(errors.get(field));
        }
    }

    static final int NAME_LIMIT = 50;

    private final FamilyService service;
    private final Clock clock;
    private final Localizer words;
    private final Executor background;

    private final FormFields<Field> fields = new FormFields<>(Field.class);
    private Optional<Relation> relation = Optional.empty();
    private Optional<Consent> consent = Optional.empty();
    private boolean attempted;
    private boolean codeAttempted;
    private Phase phase = Phase.EDITING;
    private Optional<String> memberId = Optional.empty();
    private String memberName = "";
    private Optional<String> message = Optional.empty();

    public FamilyMemberForm(FamilyService service, Clock clock, Localizer words, Executor background) {
        super(new State(Phase.EDITING, Collections.<Field, String>emptyMap(), Collections.<Choice<Relation>>emptyList(),
                Collections.<Choice<Consent>>emptyList(), Optional.empty(), Optional.empty(), true, false));
        this.service = Objects.requireNonNull(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.words = Objects.requireNonNull(words, "words");
        this.background = Objects.requireNonNull(background, "background");
        render();
    }

    /** The form for a member already asked for by code: only the code is wanted. */
    public synchronized void forCode(String id, String name) {
        memberId = Optional.of(Objects.requireNonNull(id, "id"));
        memberName = Objects.requireNonNull(name, "name");
        phase = Phase.AWAITING_CODE;
        message = Optional.of(words.text(Text.FAMILY_FORM_AWAITING_CODE));
        render();
    }

    public synchronized String typed(Field field) {
        return fields.typed(field);
    }

    public synchronized void set(Field field, String text) {
        fields.set(field, text);
        edited();
    }

    public synchronized void choose(Relation chosen) {
        relation = Optional.of(chosen);
        edited();
    }

    public synchronized void choose(Consent chosen) {
        consent = Optional.of(chosen);
        edited();
    }

    /** Checks the fields; if all are right, asks the server, off the main thread. */
    public synchronized void submit() {
        if (phase != Phase.EDITING) {
            return;
        }
        attempted = true;
        for (Field field : new Field[] {Field.NAME, Field.ID_NUMBER, Field.RELATION, Field.CONSENT}) {
            if (problem(field).isPresent()) {
                message = Optional.of(words.text(Text.REGISTER_FIX_ERRORS));
                render();
                return;
            }
        }
        String name = fields.typed(Field.NAME).trim();
        String idNumber = ResidentIdNumbers.normalize(fields.typed(Field.ID_NUMBER));
        Relation asked = relation.get();
        Consent how = consent.get();
        phase = Phase.SENDING;
        message = Optional.of(words.text(Text.ACCOUNT_WORKING));
        render();
        background.execute(() -> {
            FamilyMember requested;
            try {
                requested = service.request(name, idNumber, asked, how);
            } catch (IOException e) {
                back(Phase.EDITING, words.text(Text.ACCOUNT_OFFLINE));
                return;
            } catch (ServerRefusedException e) {
                refused(Phase.EDITING, e);
                return;
            }
            synchronized (this) {
                memberId = Optional.of(requested.id());
                memberName = requested.name();
                phase = how == Consent.PHONE_CODE ? Phase.AWAITING_CODE : Phase.AWAITING_DESK;
                message = Optional.of(words.text(how == Consent.PHONE_CODE ? Text.FAMILY_FORM_AWAITING_CODE
                        : Text.FAMILY_FORM_AWAITING_DESK));
                render();
            }
        });
    }

    /** The code the member read out: sent, and the member is linked if it is theirs. */
    public synchronized void confirm() {
        if (phase != Phase.AWAITING_CODE || !memberId.isPresent()) {
            return;
        }
        codeAttempted = true;
        if (problem(Field.CODE).isPresent()) {
            render();
            return;
        }
        String id = memberId.get();
        String code = fields.typed(Field.CODE).trim();
        phase = Phase.CONFIRMING;
        message = Optional.of(words.text(Text.ACCOUNT_WORKING));
        render();
        background.execute(() -> {
            try {
                service.confirm(id, code);
            } catch (IOException e) {
                back(Phase.AWAITING_CODE, words.text(Text.ACCOUNT_OFFLINE));
                return;
            } catch (ServerRefusedException e) {
                refused(Phase.AWAITING_CODE, e);
                return;
            }
            synchronized (this) {
                phase = Phase.LINKED;
                fields.set(Field.CODE, "");
                message = Optional.of(words.text(Text.FAMILY_FORM_LINKED, memberName));
                render();
            }
        });
    }

    private synchronized void back(Phase to, String said) {
        phase = to;
        message = Optional.of(said);
        render();
    }

    /** The server said no: next to the field it is about, else under the form. */
    private synchronized void refused(Phase to, ServerRefusedException e) {
        Optional<Field> field = fieldOf(e.code());
        if (field.isPresent()) {
            fields.refuse(field.get(), e.getMessage());
            message = Optional.of(words.text(Text.REGISTER_FIX_ERRORS));
        } else {
            message = Optional.of(e.getMessage());
        }
        phase = to;
        render();
    }

    /** The field a refusal is about, by the server's stable error codes. */
    static Optional<Field> fieldOf(String code) {
        if (code.startsWith("INVALID_ID_NUMBER") || code.equals("DEPENDANT_IS_SELF") || code.equals("DEPENDANT_EXISTS")) {
            return Optional.of(Field.ID_NUMBER);
        }
        if (code.equals("CONSENT_CODE_INVALID")) {
            return Optional.of(Field.CODE);
        }
        return Optional.empty();
    }

    /** What was typed and chosen, and where the form stands; a request under way is not resent. */
    @Override
    public synchronized Map<String, String> saved() {
        Map<String, String> saved = new LinkedHashMap<>();
        for (Field field : Field.values()) {
            saved.put(field.name(), fields.typed(field));
        }
        relation.ifPresent(r -> saved.put("relation", r.name()));
        consent.ifPresent(c -> saved.put("consent", c.name()));
        saved.put("attempted", Boolean.toString(attempted));
        saved.put("codeAttempted", Boolean.toString(codeAttempted));
        Phase kept = phase == Phase.SENDING ? Phase.EDITING : phase == Phase.CONFIRMING ? Phase.AWAITING_CODE : phase;
        saved.put("phase", kept.name());
        memberId.ifPresent(id -> saved.put("memberId", id));
        saved.put("memberName", memberName);
        return saved;
    }

    @Override
    public synchronized void restore(Map<String, String> saved) {
        for (Field field : Field.values()) {
            fields.set(field, saved.getOrDefault(field.name(), ""));
        }
        relation = Relation.of(saved.getOrDefault("relation", ""));
        consent = Consent.of(saved.getOrDefault("consent", ""));
        attempted = Boolean.parseBoolean(saved.get("attempted"));
        codeAttempted = Boolean.parseBoolean(saved.get("codeAttempted"));
        memberId = Optional.ofNullable(saved.get("memberId"));
        memberName = saved.getOrDefault("memberName", "");
        try {
            phase = Phase.valueOf(saved.getOrDefault("phase", Phase.EDITING.name()));
        } catch (IllegalArgumentException e) {
            phase = Phase.EDITING;
        }
        if (!memberId.isPresent() && phase != Phase.EDITING) {
            phase = Phase.EDITING;
        }
        message = phase == Phase.AWAITING_CODE ? Optional.of(words.text(Text.FAMILY_FORM_AWAITING_CODE))
                : phase == Phase.AWAITING_DESK ? Optional.of(words.text(Text.FAMILY_FORM_AWAITING_DESK))
                : phase == Phase.LINKED ? Optional.of(words.text(Text.FAMILY_FORM_LINKED, memberName))
                : Optional.<String>empty();
        render();
    }

    private void edited() {
        if (phase == Phase.EDITING) {
            message = Optional.empty();
        }
        render();
    }

    private boolean checked(Field field) {
        return field == Field.CODE ? codeAttempted : attempted;
    }

    private Optional<String> problem(Field field) {
        String text = fields.typed(field).trim();
        switch (field) {
            case NAME:
                if (text.isEmpty()) {
                    return Optional.of(words.text(Text.FAMILY_FORM_NAME_MISSING));
                }
                return text.codePointCount(0, text.length()) > NAME_LIMIT
                        ? Optional.of(words.text(Text.REGISTER_NAME_TOO_LONG, NAME_LIMIT)) : Optional.<String>empty();
            case ID_NUMBER:
                return IdNumberProblems.of(text, LocalDate.now(clock), words);
            case RELATION:
                return relation.isPresent() ? Optional.<String>empty()
                        : Optional.of(words.text(Text.FAMILY_FORM_RELATION_MISSING));
            case CONSENT:
                return consent.isPresent() ? Optional.<String>empty()
                        : Optional.of(words.text(Text.FAMILY_FORM_CONSENT_MISSING));
            default:
                return text.matches("[0-9]{6}") ? Optional.<String>empty()
                        : Optional.of(words.text(Text.FAMILY_FORM_CODE_INVALID));
        }
    }

    private void render() {
        Map<Field, String> errors = fields.messages(this::checked, this::problem);
        List<Choice<Relation>> relations = new ArrayList<>();
        for (Relation option : Relation.values()) {
            relations.add(new Choice<>(option, words.text(option.label()), relation.equals(Optional.of(option))));
        }
        List<Choice<Consent>> consents = new ArrayList<>();
        for (Consent option : Consent.values()) {
            consents.add(new Choice<>(option, words.text(option == Consent.PHONE_CODE ? Text.FAMILY_FORM_BY_CODE
                    : Text.FAMILY_FORM_AT_DESK), consent.equals(Optional.of(option))));
        }
        Optional<String> header = memberId.isPresent() && !memberName.isEmpty()
                ? Optional.of(words.text(Text.FAMILY_FORM_FOR, memberName)) : Optional.<String>empty();
        boolean enabled = phase == Phase.EDITING || phase == Phase.AWAITING_CODE;
        publish(new State(phase, errors, relations, consents, header, message, enabled,
                phase == Phase.LINKED || phase == Phase.AWAITING_DESK));
    }
}
