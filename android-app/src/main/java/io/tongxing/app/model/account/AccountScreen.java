package io.tongxing.app.model.account;

import io.tongxing.app.model.Restorable;
import io.tongxing.app.model.ScreenModel;
import io.tongxing.app.model.checkpoint.CheckpointDevice;
import io.tongxing.app.model.resident.ResidentSync;
import io.tongxing.app.model.resident.ResidentVault;
import io.tongxing.app.server.AccountLogin;
import io.tongxing.app.server.Enrollment;
import io.tongxing.app.server.EnrollmentService;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The account screen: who is logged in on this phone (a resident, an officer, both or neither), which
 * checkpoint the phone scans for, and the server it talks to. A resident logs in with phone and password,
 * after which the phone's holder key is registered and the code fetched; an officer logs in and enrolls the
 * phone with the checkpoint's one-time code. Either can log out; a resident's logout also removes the codes
 * kept on the phone. Messages under the fields appear once a button was pressed and follow every edit.
 */
public final class AccountScreen extends ScreenModel<AccountScreen.State> implements Restorable {

    /** Where the last action stands. */
    public enum Phase { IDLE, WORKING, DONE, OFFLINE, REFUSED, EXPIRED }

    /**
     * @param resident and {@code officer}, {@code device} say who is logged in and where the phone scans
     * @param enrolled true once the phone is a checkpoint's scanner (its background sync is then scheduled)
     * @param message the outcome of the last action, in the phone's language (the server's own words for a refusal)
     */
    public record State(String server, String resident, boolean residentLoggedIn, String officer,
            boolean officerLoggedIn, String device, boolean enrolled, Optional<String> loginError, Optional<String> passwordError,
            Optional<String> enrollmentCodeError, Phase phase, Optional<String> message, boolean actionsEnabled) {
    }

    /** Which button was pressed last, so the right fields are checked as the person edits. */
    private enum Attempt { NONE, RESIDENT, OFFICER }

    private final String server;
    private final AccountLogin resident;
    private final AccountLogin officer;
    private final ResidentSync residentSync;
    private final ResidentVault vault;
    private final EnrollmentService enrollment;
    private final CheckpointDevice device;
    private final Localizer words;
    private final Executor background;

    private String login = "";
    private String password = "";
    private String enrollmentCode = "";
    private Attempt attempt = Attempt.NONE;
    private boolean residentLoggedIn;
    private boolean officerLoggedIn;
    private Phase phase = Phase.IDLE;
    private Optional<String> message = Optional.empty();

    public AccountScreen(String server, AccountLogin resident, AccountLogin officer, ResidentSync residentSync,
            ResidentVault vault, EnrollmentService enrollment, CheckpointDevice device, Localizer words,
            Executor background) {
        super(new State(server, "", false, "", false, "", false, Optional.empty(), Optional.empty(), Optional.empty(),
                Phase.IDLE, Optional.empty(), true));
        this.server = Objects.requireNonNull(server, "server");
        this.resident = Objects.requireNonNull(resident, "resident");
        this.officer = Objects.requireNonNull(officer, "officer");
        this.residentSync = Objects.requireNonNull(residentSync, "residentSync");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.enrollment = Objects.requireNonNull(enrollment, "enrollment");
        this.device = Objects.requireNonNull(device, "device");
        this.words = Objects.requireNonNull(words, "words");
        this.background = Objects.requireNonNull(background, "background");
        render();
    }

    /** Reads who is logged in (the sessions live in the encrypted store, so off the main thread). */
    public void onShow() {
        background.execute(() -> {
            synchronized (this) {
                readSessions();
                render();
            }
        });
    }

    /** The login and the enrollment code typed so far; never the password. */
    @Override
    public synchronized java.util.Map<String, String> saved() {
        java.util.Map<String, String> saved = new java.util.LinkedHashMap<>();
        saved.put("login", login);
        saved.put("enrollmentCode", enrollmentCode);
        return saved;
    }

    @Override
    public synchronized void restore(java.util.Map<String, String> saved) {
        login = saved.getOrDefault("login", "");
        enrollmentCode = saved.getOrDefault("enrollmentCode", "");
        render();
    }

    public synchronized String login() {
        return login;
    }

    public synchronized String enrollmentCode() {
        return enrollmentCode;
    }

    public synchronized void setLogin(String text) {
        login = text == null ? "" : text;
        edited();
    }

    public synchronized void setPassword(String text) {
        password = text == null ? "" : text;
        edited();
    }

    public synchronized void setEnrollmentCode(String text) {
        enrollmentCode = text == null ? "" : text;
        edited();
    }

    /** Logs a resident in with phone number and password, then registers the phone's key and fetches the code. */
    public synchronized void logInResident() {
        if (phase == Phase.WORKING) {
            return;
        }
        attempt = Attempt.RESIDENT;
        if (loginError().isPresent() || passwordError().isPresent()) {
            phase = Phase.IDLE;
            message = Optional.empty();
            render();
            return;
        }
        String phone = MobileNumber.parse(login).get();
        String secret = password;
        work(() -> {
            resident.login(phone, secret);
            residentSync.registerPhone();
            residentSync.refresh();
            return words.text(Text.ACCOUNT_RESIDENT_DONE);
        });
    }

    /** Logs an officer in and enrolls this phone as the scanner of the checkpoint whose code was typed. */
    public synchronized void enroll() {
        if (phase == Phase.WORKING) {
            return;
        }
        attempt = Attempt.OFFICER;
        if (loginError().isPresent() || passwordError().isPresent() || enrollmentCodeError().isPresent()) {
            phase = Phase.IDLE;
            message = Optional.empty();
            render();
            return;
        }
        String user = login.trim();
        String secret = password;
        String code = enrollmentCode.trim();
        work(() -> {
            officer.login(user, secret);
            Enrollment enrolled = enrollment.enroll(code);
            device.enroll(enrolled);
            return words.text(Text.ACCOUNT_ENROLLED, enrolled.checkpoint());
        });
    }

    /** Logs the resident out and removes the codes kept on this phone (another person may use it next). */
    public synchronized void logOutResident() {
        if (phase == Phase.WORKING) {
            return;
        }
        work(() -> {
            resident.logout();
            vault.clear();
            return words.text(Text.ACCOUNT_LOGGED_OUT);
        });
    }

    /** Logs the officer out; the phone stays enrolled at its checkpoint and keeps scanning. */
    public synchronized void logOutOfficer() {
        if (phase == Phase.WORKING) {
            return;
        }
        work(() -> {
            officer.logout();
            return words.text(Text.ACCOUNT_LOGGED_OUT);
        });
    }

    /** What an action does off the main thread; it answers the words to show when it succeeded. */
    @FunctionalInterface
    private interface Work {
        String run() throws IOException, ServerRefusedException, GeneralSecurityException;
    }

    private void work(Work work) {
        phase = Phase.WORKING;
        message = Optional.of(words.text(Text.ACCOUNT_WORKING));
        render();
        background.execute(() -> {
            Phase outcome;
            String said;
            try {
                said = work.run();
                outcome = Phase.DONE;
            } catch (ServerRefusedException e) {
                outcome = e.sessionExpired() ? Phase.EXPIRED : Phase.REFUSED;
                said = e.sessionExpired() ? words.text(Text.SESSION_EXPIRED) : e.getMessage();
            } catch (IOException e) {
                outcome = Phase.OFFLINE;
                said = words.text(Text.ACCOUNT_OFFLINE);
            } catch (GeneralSecurityException e) {
                outcome = Phase.REFUSED;
                said = words.text(Text.ACCOUNT_KEY_UNAVAILABLE);
            }
            synchronized (this) {
                phase = outcome;
                message = Optional.of(said);
                if (outcome == Phase.DONE) {
                    password = "";
                    enrollmentCode = "";
                    attempt = Attempt.NONE;
                }
                readSessions();
                render();
            }
        });
    }

    private void edited() {
        if (phase != Phase.WORKING) {
            phase = Phase.IDLE;
            message = Optional.empty();
        }
        render();
    }

    private void readSessions() {
        residentLoggedIn = loggedIn(resident);
        officerLoggedIn = loggedIn(officer);
    }

    /** An unreadable stored session counts as none: the person logs in again. */
    private static boolean loggedIn(AccountLogin account) {
        try {
            return account.loggedIn();
        } catch (IOException e) {
            return false;
        }
    }

    private Optional<String> loginError() {
        if (attempt == Attempt.NONE) {
            return Optional.empty();
        }
        if (login.trim().isEmpty()) {
            return Optional.of(words.text(attempt == Attempt.RESIDENT ? Text.ACCOUNT_PHONE_MISSING
                    : Text.ACCOUNT_USER_MISSING));
        }
        if (attempt == Attempt.RESIDENT && !MobileNumber.parse(login).isPresent()) {
            return Optional.of(words.text(Text.REGISTER_PHONE_INVALID));
        }
        return Optional.empty();
    }

    private Optional<String> passwordError() {
        return attempt != Attempt.NONE && password.isEmpty()
                ? Optional.of(words.text(Text.ACCOUNT_PASSWORD_MISSING)) : Optional.<String>empty();
    }

    private Optional<String> enrollmentCodeError() {
        return attempt == Attempt.OFFICER && enrollmentCode.trim().isEmpty()
                ? Optional.of(words.text(Text.ACCOUNT_ENROLLMENT_CODE_MISSING)) : Optional.<String>empty();
    }

    private void render() {
        Optional<Enrollment> enrolled = device.enrollment();
        publish(new State(words.text(Text.ACCOUNT_SERVER, server),
                words.text(residentLoggedIn ? Text.ACCOUNT_RESIDENT_IN : Text.ACCOUNT_RESIDENT_OUT), residentLoggedIn,
                words.text(officerLoggedIn ? Text.ACCOUNT_OFFICER_IN : Text.ACCOUNT_OFFICER_OUT), officerLoggedIn,
                enrolled.isPresent() ? words.text(Text.ACCOUNT_DEVICE_ENROLLED, enrolled.get().checkpoint())
                        : words.text(Text.ACCOUNT_DEVICE_NOT_ENROLLED), enrolled.isPresent(),
                loginError(), passwordError(), enrollmentCodeError(), phase, message, phase != Phase.WORKING));
    }
}
