package io.tongxing.app.model.account;

import static io.tongxing.app.testing.TongzhouCheckpoint.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.model.checkpoint.CheckpointDevice;
import io.tongxing.app.model.resident.ResidentSync;
import io.tongxing.app.model.resident.ResidentVault;
import io.tongxing.app.server.AccountLogin;
import io.tongxing.app.server.EnrollmentService;
import io.tongxing.app.server.NotConnected;
import io.tongxing.app.server.ResidentDownload;
import io.tongxing.app.server.ResidentSource;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.app.testing.FakeAccounts;
import io.tongxing.app.testing.MemorySecureStore;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.SoftwareHolderKeys;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.app.text.Localizer;
import io.tongxing.token.Colour;
import io.tongxing.token.HolderKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The account screen: residents and officers logging in and out, enrollment, and what the server says. */
class AccountScreenTest {
    private static final String SERVER = "https://bj.tongxing.example";
    private static final String PHONE = "13812345678";
    private static final String PASSWORD = "correct horse battery";

    private final MutableClock clock = new MutableClock(NOW);
    private final MemorySecureStore store = new MemorySecureStore();
    private final ResidentVault vault = new ResidentVault(store);
    private final SoftwareHolderKeys phoneKeys = new SoftwareHolderKeys();
    private final FakeAccounts residents = new FakeAccounts().withAccount(PHONE, PASSWORD);
    private final FakeAccounts officers = new FakeAccounts().withAccount("officer.wang", PASSWORD);
    private final CheckpointDevice device = new CheckpointDevice(new MemorySecureStore(), clock, null);
    private final List<HolderKey> registeredKeys = new ArrayList<>();
    private final List<String> enrollmentCodes = new ArrayList<>();
    private final List<Runnable> pending = new ArrayList<>();
    private ServerRefusedException residentApiRefuses;
    private ServerRefusedException enrollmentRefuses;

    private final ResidentSource residentApi = new ResidentSource() {
        @Override
        public void registerHolderKey(HolderKey key) throws ServerRefusedException {
            if (residentApiRefuses != null) {
                residents.expireSession();
                throw residentApiRefuses;
            }
            registeredKeys.add(key);
        }

        @Override
        public ResidentDownload fetchCredentials() {
            return new ResidentDownload(Optional.of(TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty())),
                    Collections.emptyList(), NOW);
        }
    };

    private final EnrollmentService enrollment = code -> {
        if (enrollmentRefuses != null) {
            if (enrollmentRefuses.sessionExpired()) {
                officers.expireSession();
            }
            throw enrollmentRefuses;
        }
        enrollmentCodes.add(code);
        return TongzhouCheckpoint.enrollment();
    };

    @Test
    void atFirstItShowsTheServerAndThatNobodyIsLoggedInAndThePhoneIsNotEnrolled() {
        AccountScreen screen = screen(residents, Runnable::run, XmlLocalizer.inEnglish());
        screen.onShow();

        AccountScreen.State state = screen.state();
        assertEquals("Server: " + SERVER, state.server());
        assertEquals("Resident: not logged in", state.resident());
        assertEquals("Officer: not logged in", state.officer());
        assertEquals("This phone is not enrolled at a checkpoint", state.device());
        assertEquals(AccountScreen.Phase.IDLE, state.phase());
    }

    @Test
    void aResidentLogsInAndThePhonesKeyIsRegisteredAndTheCodeFetched() throws Exception {
        AccountScreen screen = screen(residents, Runnable::run, XmlLocalizer.inEnglish());
        screen.setLogin("+86 138-1234-5678");
        screen.setPassword(PASSWORD);

        screen.logInResident();

        assertEquals(AccountScreen.Phase.DONE, screen.state().phase());
        assertEquals(Optional.of("Logged in. This phone’s key is registered and your health code was fetched."),
                screen.state().message());
        assertEquals("Resident: logged in", screen.state().resident());
        assertTrue(screen.state().residentLoggedIn());
        assertEquals(List.of(phoneKeys.holderKey()), registeredKeys);
        assertTrue(vault.load().get().healthCode().isPresent(), "the code is kept for offline use");
    }

    @Test
    void emptyFieldsAreNamedAfterTheFirstTryAndNothingIsSent() {
        AccountScreen screen = screen(residents, Runnable::run, XmlLocalizer.inEnglish());
        assertEquals(Optional.empty(), screen.state().loginError(), "no message before a button is pressed");

        screen.logInResident();

        assertEquals(Optional.of("Enter your mobile number."), screen.state().loginError());
        assertEquals(Optional.of("Enter your password."), screen.state().passwordError());
        assertFalse(residents.loggedIn());

        screen.setLogin("1381234");
        assertEquals(Optional.of("Enter a mainland China mobile number, like 13812345678."),
                screen.state().loginError(), "messages follow each edit");
        screen.setLogin(PHONE);
        assertEquals(Optional.empty(), screen.state().loginError());
    }

    @Test
    void aWrongPasswordIsRefusedInTheServersWordsAndNobodyIsLoggedIn() {
        AccountScreen screen = screen(residents, Runnable::run, XmlLocalizer.inEnglish());
        screen.setLogin(PHONE);
        screen.setPassword("not the password");

        screen.logInResident();

        assertEquals(AccountScreen.Phase.REFUSED, screen.state().phase());
        assertEquals(Optional.of("Wrong account or password."), screen.state().message());
        assertFalse(screen.state().residentLoggedIn());
        assertTrue(registeredKeys.isEmpty());
    }

    @Test
    void withoutTheServerItSaysSoAndTheSameTapWorksOnceItIsBack() {
        AccountScreen screen = screen(residents, Runnable::run, XmlLocalizer.inEnglish());
        residents.unreachable = true;
        screen.setLogin(PHONE);
        screen.setPassword(PASSWORD);

        screen.logInResident();

        assertEquals(AccountScreen.Phase.OFFLINE, screen.state().phase());
        assertEquals(Optional.of("The server cannot be reached. What you typed is kept; try again when online."),
                screen.state().message());
        residents.unreachable = false;
        screen.logInResident();
        assertEquals(AccountScreen.Phase.DONE, screen.state().phase());
    }

    @Test
    void aBuildWithoutTheServerApiBehavesAsOffline() {
        NotConnected notConnected = new NotConnected();
        AccountScreen screen = new AccountScreen(SERVER, notConnected, notConnected,
                new ResidentSync(notConnected, vault, phoneKeys, clock), vault, notConnected, device,
                XmlLocalizer.inEnglish(), Runnable::run);
        screen.setLogin(PHONE);
        screen.setPassword(PASSWORD);
        screen.setEnrollmentCode("ENR-4421");

        screen.enroll();

        assertEquals(AccountScreen.Phase.OFFLINE, screen.state().phase());
        assertFalse(device.enrollment().isPresent());
    }

    @Test
    void aSessionEndedAtTheServerShowsExpiredAndThePhoneIsLoggedOut() {
        AccountScreen screen = screen(residents, Runnable::run, XmlLocalizer.inChinese());
        residentApiRefuses = new ServerRefusedException(ServerRefusedException.SESSION_EXPIRED, "登录已失效，请重新登录。");
        screen.setLogin(PHONE);
        screen.setPassword(PASSWORD);

        screen.logInResident();

        assertEquals(AccountScreen.Phase.EXPIRED, screen.state().phase());
        assertEquals(Optional.of("登录已失效，请重新登录。"), screen.state().message());
        assertEquals("居民：未登录", screen.state().resident());
    }

    @Test
    void anOfficerLogsInAndEnrollsThePhoneAtTheCheckpoint() {
        AccountScreen screen = screen(residents, Runnable::run, XmlLocalizer.inEnglish());
        screen.setLogin(" officer.wang ");
        screen.setPassword(PASSWORD);
        screen.setEnrollmentCode(" ENR-4421 ");

        screen.enroll();

        assertEquals(AccountScreen.Phase.DONE, screen.state().phase());
        assertEquals(Optional.of("Enrolled: this phone now scans for checkpoint tongzhou-east-1."),
                screen.state().message());
        assertEquals("Officer: logged in", screen.state().officer());
        assertEquals("This phone scans for checkpoint tongzhou-east-1", screen.state().device());
        assertEquals(List.of("ENR-4421"), enrollmentCodes);
        assertEquals(TongzhouCheckpoint.CHECKPOINT, device.enrollment().get().checkpoint());
    }

    @Test
    void anOfficerNeedsUserNamePasswordAndCode() {
        AccountScreen screen = screen(residents, Runnable::run, XmlLocalizer.inEnglish());

        screen.enroll();

        assertEquals(Optional.of("Enter your user name."), screen.state().loginError());
        assertEquals(Optional.of("Enter your password."), screen.state().passwordError());
        assertEquals(Optional.of("Enter the checkpoint’s enrollment code."), screen.state().enrollmentCodeError());
        assertTrue(enrollmentCodes.isEmpty());
        assertFalse(officers.loggedIn());
    }

    @Test
    void aWrongEnrollmentCodeIsRefusedAndThePhoneStaysUnenrolled() {
        AccountScreen screen = screen(residents, Runnable::run, XmlLocalizer.inEnglish());
        enrollmentRefuses = new ServerRefusedException("ENROLLMENT_CODE_INVALID",
                "The enrollment code is wrong, has expired or has been used.");
        screen.setLogin("officer.wang");
        screen.setPassword(PASSWORD);
        screen.setEnrollmentCode("ENR-0000");

        screen.enroll();

        assertEquals(AccountScreen.Phase.REFUSED, screen.state().phase());
        assertEquals(Optional.of("The enrollment code is wrong, has expired or has been used."),
                screen.state().message());
        assertEquals("This phone is not enrolled at a checkpoint", screen.state().device());
    }

    @Test
    void anOfficersSessionEndingDuringEnrollmentShowsExpired() {
        AccountScreen screen = screen(residents, Runnable::run, XmlLocalizer.inEnglish());
        enrollmentRefuses = new ServerRefusedException(ServerRefusedException.SESSION_EXPIRED,
                "Your session has ended. Please log in again.");
        screen.setLogin("officer.wang");
        screen.setPassword(PASSWORD);
        screen.setEnrollmentCode("ENR-4421");

        screen.enroll();

        assertEquals(AccountScreen.Phase.EXPIRED, screen.state().phase());
        assertEquals(Optional.of("Your session has ended. Please log in again."), screen.state().message());
        assertEquals("Officer: not logged in", screen.state().officer());
        assertFalse(device.enrollment().isPresent());
    }

    @Test
    void aResidentsLogoutRemovesTheCodesKeptOnThePhone() throws Exception {
        AccountScreen screen = screen(residents, Runnable::run, XmlLocalizer.inEnglish());
        screen.setLogin(PHONE);
        screen.setPassword(PASSWORD);
        screen.logInResident();
        assertTrue(vault.load().isPresent());

        screen.logOutResident();

        assertEquals(Optional.of("Logged out."), screen.state().message());
        assertEquals("Resident: not logged in", screen.state().resident());
        assertFalse(vault.load().isPresent(), "the next person on this phone sees no code");
    }

    @Test
    void anOfficersLogoutLeavesThePhoneEnrolledAtItsCheckpoint() {
        AccountScreen screen = screen(residents, Runnable::run, XmlLocalizer.inEnglish());
        screen.setLogin("officer.wang");
        screen.setPassword(PASSWORD);
        screen.setEnrollmentCode("ENR-4421");
        screen.enroll();

        screen.logOutOfficer();

        assertEquals("Officer: not logged in", screen.state().officer());
        assertEquals("This phone scans for checkpoint tongzhou-east-1", screen.state().device());
    }

    @Test
    void whileTheServerIsAskedTheButtonsWaitAndASecondTapDoesNothing() {
        AccountScreen screen = screen(residents, pending::add, XmlLocalizer.inEnglish());
        screen.setLogin(PHONE);
        screen.setPassword(PASSWORD);

        screen.logInResident();
        screen.logInResident();

        assertEquals(AccountScreen.Phase.WORKING, screen.state().phase());
        assertEquals(Optional.of("Contacting the server…"), screen.state().message());
        assertFalse(screen.state().actionsEnabled());
        assertEquals(1, pending.size());
        pending.remove(0).run();
        assertEquals(AccountScreen.Phase.DONE, screen.state().phase());
        assertTrue(screen.state().actionsEnabled());
    }

    private AccountScreen screen(AccountLogin resident, Executor background, Localizer words) {
        return new AccountScreen(SERVER, resident, officers, new ResidentSync(residentApi, vault, phoneKeys, clock), vault,
                enrollment, device, words, background);
    }
}
