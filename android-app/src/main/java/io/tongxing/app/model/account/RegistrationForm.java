package io.tongxing.app.model.account;

import io.tongxing.app.model.FormFields;
import io.tongxing.app.model.IdNumberProblems;
import io.tongxing.app.model.Restorable;
import io.tongxing.app.model.ScreenModel;
import io.tongxing.app.model.resident.ResidentSync;
import io.tongxing.app.server.ResidentRegistration;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.identity.ResidentIdNumbers;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Registering a new resident: name, ID number, mobile number, password (twice) and the SMS code. The form
 * checks what the server would refuse (the ID number's GB 11643 check character, birth date and province,
 * the mobile number, the password's length) before anything is sent; what only the server knows (an ID
 * number or phone already registered, a wrong code) comes back in its words next to the field it is
 * about. Messages appear once the person tried, and follow every edit; offline, nothing typed is lost.
 * Once registered the account is logged in, the phone's holder key registered and the code fetched.
 */
public final class RegistrationForm extends ScreenModel<RegistrationForm.State> implements Restorable {
    static final int NAME_LIMIT = 50;
    static final int PASSWORD_MIN = 10;
    static final int PASSWORD_MAX = 128;

    /** The form's fields, each with its own message. */
    public enum Field { NAME, ID_NUMBER, PHONE, PASSWORD, PASSWORD_AGAIN, CODE }

    /** Where the form stands. */
    public enum Phase { EDITING, SENDING_CODE, CODE_SENT, REGISTERING, REGISTERED, OFFLINE, REFUSED, EXPIRED }

    /**
     * @param errors the message next to each field that has one
     * @param message what became of the last action, or why nothing was sent
     */
    public record State(Map<Field, String> errors, Phase phase, Optional<String> message, boolean actionsEnabled) {
        public State {
            EnumMap<Field, String> copy = new EnumMap<>(Field.class);
            copy.putAll(errors);
            errors = Collections.unmodifiableMap(copy);
        }

        public Optional<String> error(Field field) {
            return Optional.ofNullable(errors.get(field));
        }
    }

    private final ResidentRegistration registration;
    private final ResidentSync residentSync;
    private final Clock clock;
    private final Localizer words;
    private final Executor background;

    /** What was typed, and the server's refusals, each kept until its field is edited. */
    private final FormFields<Field> fields = new FormFields<>(Field.class);
    private boolean codeAttempted;
    private boolean registerAttempted;
    private Phase phase = Phase.EDITING;
    private Optional<String> message = Optional.empty();

    public RegistrationForm(ResidentRegistration registration, ResidentSync residentSync, Clock clock, Localizer words,
            Executor background) {
        super(new State(new EnumMap<Field, String>(Field.class), Phase.EDITING, Optional.empty(), true));
        this.registration = Objects.requireNonNull(registration, "registration");
        this.residentSync = Objects.requireNonNull(residentSync, "residentSync");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.words = Objects.requireNonNull(words, "words");
        this.background = Objects.requireNonNull(background, "background");
        render();
    }

    /** What is in {@code field} now. */
    public synchronized String typed(Field field) {
        return fields.typed(field);
    }

    /** The fields and whether messages show; never the passwords, which are typed again. */
    @Override
    public synchronized Map<String, String> saved() {
        Map<String, String> saved = new java.util.LinkedHashMap<>();
        for (Field field : Field.values()) {
            if (field != Field.PASSWORD && field != Field.PASSWORD_AGAIN) {
                saved.put(field.name(), fields.typed(field));
            }
        }
        saved.put("codeAttempted", Boolean.toString(codeAttempted));
        saved.put("registerAttempted", Boolean.toString(registerAttempted));
        return saved;
    }

    @Override
    public synchronized void restore(Map<String, String> saved) {
        for (Field field : Field.values()) {
            if (field != Field.PASSWORD && field != Field.PASSWORD_AGAIN) {
                fields.set(field, saved.getOrDefault(field.name(), ""));
            }
        }
        codeAttempted = Boolean.parseBoolean(saved.get("codeAttempted"));
        registerAttempted = Boolean.parseBoolean(saved.get("registerAttempted"));
        render();
    }

    public synchronized void set(Field field, String text) {
        fields.set(field, text);
        if (!busy()) {
            phase = Phase.EDITING;
            message = Optional.empty();
        }
        render();
    }

    /** Asks the server to text a registration code to the phone number, once the number is right. */
    public synchronized void sendCode() {
        if (busy()) {
            return;
        }
        codeAttempted = true;
        if (problem(Field.PHONE).isPresent()) {
            phase = Phase.EDITING;
            message = Optional.of(words.text(Text.REGISTER_FIX_ERRORS));
            render();
            return;
        }
        String phone = MobileNumber.parse(fields.typed(Field.PHONE)).get();
        phase = Phase.SENDING_CODE;
        message = Optional.of(words.text(Text.ACCOUNT_WORKING));
        render();
        background.execute(() -> {
            try {
                registration.requestRegistrationCode(phone);
                finish(Phase.CODE_SENT, words.text(Text.REGISTER_CODE_SENT, masked(phone)));
            } catch (ServerRefusedException e) {
                refused(e);
            } catch (IOException e) {
                finish(Phase.OFFLINE, words.text(Text.ACCOUNT_OFFLINE));
            }
        });
    }

    /** Checks every field; if all are right, registers, logs in and fetches the new resident's code. */
    public synchronized void register() {
        if (busy()) {
            return;
        }
        registerAttempted = true;
        for (Field field : Field.values()) {
            if (problem(field).isPresent()) {
                phase = Phase.EDITING;
                message = Optional.of(words.text(Text.REGISTER_FIX_ERRORS));
                render();
                return;
            }
        }
        String name = fields.typed(Field.NAME).trim();
        String idNumber = ResidentIdNumbers.normalize(fields.typed(Field.ID_NUMBER));
        String phone = MobileNumber.parse(fields.typed(Field.PHONE)).get();
        String password = fields.typed(Field.PASSWORD);
        String code = fields.typed(Field.CODE).trim();
        phase = Phase.REGISTERING;
        message = Optional.of(words.text(Text.ACCOUNT_WORKING));
        render();
        background.execute(() -> {
            try {
                registration.registerResident(name, idNumber, phone, password, code);
            } catch (ServerRefusedException e) {
                refused(e);
                return;
            } catch (IOException e) {
                finish(Phase.OFFLINE, words.text(Text.ACCOUNT_OFFLINE));
                return;
            }
            // The account exists and is logged in from here on; fetching the code can wait for the network.
            String said;
            Phase outcome = Phase.REGISTERED;
            try {
                residentSync.registerPhone();
                residentSync.refresh();
                said = words.text(Text.REGISTER_DONE);
            } catch (ServerRefusedException e) {
                outcome = e.sessionExpired() ? Phase.EXPIRED : Phase.REGISTERED;
                said = e.sessionExpired() ? words.text(Text.SESSION_EXPIRED) : words.text(Text.REGISTER_DONE_LATER);
            } catch (IOException | GeneralSecurityException e) {
                said = words.text(Text.REGISTER_DONE_LATER);
            }
            synchronized (this) {
                if (outcome != Phase.EXPIRED) {
                    fields.clear();
                    codeAttempted = false;
                    registerAttempted = false;
                }
                phase = outcome;
                message = Optional.of(said);
                render();
            }
        });
    }

    /** The server said no: next to the field it is about, if it names one, else under the form. */
    private void refused(ServerRefusedException e) {
        synchronized (this) {
            Optional<Field> field = fieldOf(e.code());
            if (field.isPresent()) {
                fields.refuse(field.get(), e.getMessage());
                message = Optional.of(words.text(Text.REGISTER_FIX_ERRORS));
            } else {
                message = Optional.of(e.getMessage());
            }
            phase = Phase.REFUSED;
            render();
        }
    }

    private synchronized void finish(Phase outcome, String said) {
        phase = outcome;
        message = Optional.of(said);
        render();
    }

    /** The field a refusal is about, by the server's stable error codes. */
    static Optional<Field> fieldOf(String code) {
        if (code.startsWith("INVALID_ID_NUMBER") || code.equals("ID_NUMBER_TAKEN")) {
            return Optional.of(Field.ID_NUMBER);
        }
        if (code.equals("INVALID_PHONE") || code.equals("PHONE_TAKEN") || code.equals("TOO_MANY_CODES")) {
            return Optional.of(Field.PHONE);
        }
        if (code.equals("CODE_INVALID")) {
            return Optional.of(Field.CODE);
        }
        return Optional.empty();
    }

    private boolean busy() {
        return phase == Phase.SENDING_CODE || phase == Phase.REGISTERING;
    }

    private boolean checked(Field field) {
        return registerAttempted || (codeAttempted && field == Field.PHONE);
    }

    /** What the form itself finds wrong with a field. */
    private Optional<String> problem(Field field) {
        String text = fields.typed(field);
        switch (field) {
            case NAME:
                if (text.trim().isEmpty()) {
                    return Optional.of(words.text(Text.REGISTER_NAME_MISSING));
                }
                return text.trim().codePointCount(0, text.trim().length()) > NAME_LIMIT
                        ? Optional.of(words.text(Text.REGISTER_NAME_TOO_LONG, NAME_LIMIT)) : Optional.<String>empty();
            case ID_NUMBER:
                return IdNumberProblems.of(text, LocalDate.now(clock), words);
            case PHONE:
                return MobileNumber.parse(text).isPresent() ? Optional.<String>empty()
                        : Optional.of(words.text(Text.REGISTER_PHONE_INVALID));
            case PASSWORD:
                if (text.length() < PASSWORD_MIN) {
                    return Optional.of(words.text(Text.REGISTER_PASSWORD_SHORT, PASSWORD_MIN));
                }
                return text.length() > PASSWORD_MAX
                        ? Optional.of(words.text(Text.REGISTER_PASSWORD_LONG, PASSWORD_MAX)) : Optional.<String>empty();
            case PASSWORD_AGAIN:
                return text.equals(fields.typed(Field.PASSWORD)) ? Optional.<String>empty()
                        : Optional.of(words.text(Text.REGISTER_PASSWORD_MISMATCH));
            case CODE:
                return text.trim().matches("[0-9]{6}") ? Optional.<String>empty()
                        : Optional.of(words.text(Text.REGISTER_CODE_INVALID));
            default:
                throw new IllegalStateException(field.name());
        }
    }

    /** "138****5678": the number the code went to, as the server shows it. */
    static String masked(String phone) {
        return phone.substring(0, 3) + "****" + phone.substring(7);
    }

    private void render() {
        publish(new State(fields.messages(this::checked, this::problem), phase, message, !busy()));
    }
}
