package io.tongxing.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.model.account.AccountScreen;
import io.tongxing.app.model.account.RegistrationForm;
import io.tongxing.app.model.account.RegistrationForm.Field;
import io.tongxing.app.model.checkpoint.CheckpointDevice;
import io.tongxing.app.model.resident.ResidentSync;
import io.tongxing.app.model.resident.ResidentVault;
import io.tongxing.app.server.http.AccountSession;
import io.tongxing.app.server.http.ApiClient;
import io.tongxing.app.server.http.HttpEnrollment;
import io.tongxing.app.server.http.HttpResidentApi;
import io.tongxing.app.server.http.UrlConnectionTransport;
import io.tongxing.app.testing.MemorySecureStore;
import io.tongxing.app.testing.SoftwareDeviceKeys;
import io.tongxing.app.testing.SoftwareHolderKeys;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.identity.ResidentIdNumbers;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registration form and the account screen against a real region server: the refusals the form maps
 * to its fields are the server's own codes and words, and what the account screen does really logs in,
 * registers the phone and enrolls it.
 */
class AccountScreensTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static RegionServerFixture region;

    @BeforeAll
    static void startRegion() {
        region = RegionServerFixture.start();
    }

    @AfterAll
    static void stopRegion() {
        region.stop();
    }

    /** A phone: its encrypted store, its session, its vault and keys, in English. */
    private static final class Phone {
        final MemorySecureStore store = new MemorySecureStore();
        final XmlLocalizer words = XmlLocalizer.inEnglish();
        final ApiClient api = new ApiClient(UrlConnectionTransport.to(region.baseUrl), () -> Locale.ENGLISH);
        final AccountSession resident = new AccountSession(api, store, "resident-session", words);
        final AccountSession officer = new AccountSession(api, store, "officer-session", words);
        final ResidentVault vault = new ResidentVault(store);
        final ResidentSync sync = new ResidentSync(new HttpResidentApi(resident, region.clock), vault,
                new SoftwareHolderKeys(), region.clock);
        final SoftwareDeviceKeys deviceKeys = new SoftwareDeviceKeys();
        final CheckpointDevice device = new CheckpointDevice(store, region.clock, null);

        RegistrationForm registration() {
            return new RegistrationForm(resident, sync, region.clock, words, Runnable::run);
        }

        AccountScreen account() {
            return new AccountScreen(region.baseUrl, resident, officer, sync, vault,
                    new HttpEnrollment(officer, deviceKeys, region.clock, RANDOM, () -> 1), device, words,
                    Runnable::run);
        }
    }

    @Test
    void aResidentRegistersAndASecondRegistrationOfTheSameIdIsRefusedNextToTheIdNumber() throws Exception {
        String idNumber = idNumber();
        Phone first = new Phone();
        String phone = phone();
        RegistrationForm form = first.registration();
        form.set(Field.PHONE, phone);
        form.sendCode();
        assertEquals(RegistrationForm.Phase.CODE_SENT, form.state().phase());
        fill(form, idNumber, phone, region.smsCodeFor(phone));

        form.register();

        assertEquals(RegistrationForm.Phase.REGISTERED, form.state().phase(), form.state().toString());
        assertEquals(Optional.of("Registered and logged in. Your health code was fetched."), form.state().message());
        assertTrue(first.resident.loggedIn());
        assertTrue(first.vault.load().get().healthCode().isPresent());

        Phone second = new Phone();
        String otherPhone = phone();
        RegistrationForm again = second.registration();
        again.set(Field.PHONE, otherPhone);
        again.sendCode();
        String code = region.smsCodeFor(otherPhone);
        fill(again, idNumber, otherPhone, code.equals("000000") ? "111111" : "000000");
        again.register();
        assertEquals(Optional.of("The verification code is wrong or has expired."), again.state().error(Field.CODE));

        again.set(Field.CODE, code);
        again.register();

        assertEquals(RegistrationForm.Phase.REFUSED, again.state().phase());
        assertEquals(Optional.of("This ID number is already registered."), again.state().error(Field.ID_NUMBER));
        assertFalse(second.resident.loggedIn());
    }

    @Test
    void theAccountScreenLogsAResidentInAfterAWrongPasswordAndLogsOut() throws Exception {
        Phone registering = new Phone();
        String phone = phone();
        registering.resident.requestRegistrationCode(phone);
        registering.resident.registerResident("王五", idNumber(), phone, "Resident-pass-" + phone,
                region.smsCodeFor(phone));

        Phone phoneInHand = new Phone();
        AccountScreen screen = phoneInHand.account();
        screen.setLogin(phone);
        screen.setPassword("not-the-password");
        screen.logInResident();
        assertEquals(AccountScreen.Phase.REFUSED, screen.state().phase());
        assertEquals(Optional.of("Wrong account or password."), screen.state().message());
        assertFalse(screen.state().residentLoggedIn());

        screen.setPassword("Resident-pass-" + phone);
        screen.logInResident();

        assertEquals(AccountScreen.Phase.DONE, screen.state().phase(), screen.state().toString());
        assertEquals("Resident: logged in", screen.state().resident());
        assertTrue(phoneInHand.vault.load().get().healthCode().isPresent());
        screen.logOutResident();
        assertEquals("Resident: not logged in", screen.state().resident());
        assertFalse(phoneInHand.vault.load().isPresent());
    }

    @Test
    void theAccountScreenEnrollsACheckpointPhoneAndAWrongCodeIsRefusedInTheServersWords() {
        String checkpoint = "cp-acct-" + Integer.toString(RANDOM.nextInt(Integer.MAX_VALUE), 36);
        String officerLogin = region.checkpointWithOfficer(checkpoint, "Officer-pass-03");
        Phone phone = new Phone();
        AccountScreen screen = phone.account();
        screen.setLogin(officerLogin);
        screen.setPassword("Officer-pass-03");
        screen.setEnrollmentCode("ABCD-EFGH-JKLM");

        screen.enroll();
        assertEquals(AccountScreen.Phase.REFUSED, screen.state().phase());
        assertEquals(Optional.of("The enrollment code is wrong, has expired or has been used."),
                screen.state().message());

        screen.setEnrollmentCode(region.enrollmentCode(checkpoint));
        screen.enroll();

        assertEquals(AccountScreen.Phase.DONE, screen.state().phase(), screen.state().toString());
        assertEquals("This phone scans for checkpoint " + checkpoint, screen.state().device());
        assertEquals(checkpoint, phone.device.enrollment().get().checkpoint());
    }

    private static void fill(RegistrationForm form, String idNumber, String phone, String code) {
        form.set(Field.NAME, "赵六");
        form.set(Field.ID_NUMBER, idNumber);
        form.set(Field.PHONE, phone);
        form.set(Field.PASSWORD, "Resident-pass-" + phone);
        form.set(Field.PASSWORD_AGAIN, "Resident-pass-" + phone);
        form.set(Field.CODE, code);
    }

    private static String phone() {
        return "137" + String.format("%08d", RANDOM.nextInt(100_000_000));
    }

    private static String idNumber() {
        String born = java.time.LocalDate.of(1978, 1, 1).plusDays(RANDOM.nextInt(365)).toString().replace("-", "");
        String first17 = "110105" + born + String.format("%03d", RANDOM.nextInt(1000));
        return first17 + ResidentIdNumbers.checkCharacter(first17);
    }
}
