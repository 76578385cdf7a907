package io.tongxing.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.model.checkpoint.CheckpointDevice;
import io.tongxing.app.model.checkpoint.SyncResult;
import io.tongxing.app.model.resident.CheckIn;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.app.server.http.AccountSession;
import io.tongxing.app.server.http.ApiClient;
import io.tongxing.app.server.http.DeviceRefusedException;
import io.tongxing.app.server.http.HttpDeviceApi;
import io.tongxing.app.server.http.HttpEnrollment;
import io.tongxing.app.server.http.HttpResidentApi;
import io.tongxing.app.server.http.HttpTransport;
import io.tongxing.app.server.http.UrlConnectionTransport;
import io.tongxing.app.testing.MemorySecureStore;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.SoftwareDeviceKeys;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.identity.ResidentIdNumbers;
import java.io.IOException;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP clients against a real region server: sessions, refusals, delta syncs, signed-request failures. */
class HttpClientsTest {
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

    /** Every answer's size, as the phone's radio would count it. */
    private static final class CountingTransport implements HttpTransport {
        final HttpTransport real = UrlConnectionTransport.to(region.baseUrl);
        final List<Integer> answerBytes = new ArrayList<>();

        @Override
        public Response exchange(Request request) throws IOException {
            Response response = real.exchange(request);
            answerBytes.add(response.body().length);
            return response;
        }
    }

    private static ApiClient english() {
        return new ApiClient(UrlConnectionTransport.to(region.baseUrl), () -> Locale.ENGLISH);
    }

    private static AccountSession registeredResident(MemorySecureStore store) throws Exception {
        AccountSession session = new AccountSession(english(), store, "resident-session", XmlLocalizer.inEnglish());
        String phone = "138" + String.format("%08d", RANDOM.nextInt(100_000_000));
        String first17 = "110105" + "19900101" + String.format("%03d", RANDOM.nextInt(1000));
        session.requestRegistrationCode(phone);
        session.registerResident("李四", first17 + ResidentIdNumbers.checkCharacter(first17), phone,
                "Resident-pass-" + phone, region.smsCodeFor(phone));
        region.afterAMinute();
        return session;
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceAndTheCallSucceeds() throws Exception {
        MemorySecureStore store = new MemorySecureStore();
        AccountSession session = registeredResident(store);
        byte[] before = store.read("resident-session").get();

        region.clock.advance(Duration.ofMinutes(16)); // access tokens live 15 minutes
        new HttpResidentApi(session, region.clock).fetchCredentials();

        assertTrue(session.loggedIn());
        assertFalse(java.util.Arrays.equals(before, store.read("resident-session").get()),
                "the rotated tokens are kept for the next start");
    }

    @Test
    void aRefreshTheServerRefusesLogsTheAppOut() throws Exception {
        MemorySecureStore store = new MemorySecureStore();
        AccountSession session = registeredResident(store);
        // A copy of the session (a restored backup, say) spends the refresh token first.
        MemorySecureStore copy = new MemorySecureStore();
        copy.write("resident-session", store.read("resident-session").get());
        AccountSession other = new AccountSession(english(), copy, "resident-session", XmlLocalizer.inEnglish());
        region.clock.advance(Duration.ofMinutes(16));
        new HttpResidentApi(other, region.clock).fetchCredentials();

        ServerRefusedException refused = assertThrows(ServerRefusedException.class,
                () -> new HttpResidentApi(session, region.clock).fetchCredentials());

        assertEquals(AccountSession.SESSION_EXPIRED, refused.code());
        assertEquals("Your session has ended. Please log in again.", refused.getMessage());
        assertFalse(session.loggedIn());
        assertFalse(store.read("resident-session").isPresent(), "no tokens are left on the phone");
    }

    @Test
    void aSecondCheckInTheSameDayIsRefusedWithTheServersCodeAndWords() throws Exception {
        HttpResidentApi api = new HttpResidentApi(registeredResident(new MemorySecureStore()), region.clock);
        LocalDate today = LocalDate.now(region.clock.withZone(ZoneId.of("Asia/Shanghai")));
        CheckIn checkIn = new CheckIn(today, new BigDecimal("36.5"), Collections.emptySet(), Collections.emptyList());
        api.submit(checkIn);

        ServerRefusedException refused = assertThrows(ServerRefusedException.class, () -> api.submit(checkIn));

        assertFalse(refused.code().isEmpty());
        assertTrue(refused.getMessage().matches(".*[A-Za-z].*"), "English, as asked: " + refused.getMessage());
    }

    @Test
    void aWrongPasswordIsRefusedAndNothingIsKept() throws Exception {
        MemorySecureStore store = new MemorySecureStore();
        AccountSession session = new AccountSession(english(), store, "officer-session", XmlLocalizer.inEnglish());

        ServerRefusedException refused = assertThrows(ServerRefusedException.class,
                () -> session.login("nobody-here", "Wrong-password-1"));

        assertFalse(refused.code().isEmpty(), "the server says why: " + refused.code());
        assertFalse(session.loggedIn());
    }

    @Test
    void anUnreachableServerIsAnIoExceptionNotARefusal() {
        ApiClient nowhere = new ApiClient(UrlConnectionTransport.to("http://127.0.0.1:1"), () -> Locale.ENGLISH);
        AccountSession session = new AccountSession(nowhere, new MemorySecureStore(), "s", XmlLocalizer.inEnglish());

        assertThrows(IOException.class, () -> session.login("someone", "Some-password-1"));
    }

    @Test
    void aCurrentDeviceDownloadsOnlyTheSignedSyncEvenAfterARestartAndAWrongClockIsRefusedByCode() throws Exception {
        String checkpoint = "cp-http-" + Integer.toString(RANDOM.nextInt(Integer.MAX_VALUE), 36);
        String officerLogin = region.checkpointWithOfficer(checkpoint, "Officer-pass-02");
        MemorySecureStore store = new MemorySecureStore();
        AccountSession officer = new AccountSession(english(), store, "officer-session", XmlLocalizer.inEnglish());
        officer.login(officerLogin, "Officer-pass-02");
        SoftwareDeviceKeys keys = new SoftwareDeviceKeys();
        HttpEnrollment enrollment = new HttpEnrollment(officer, keys, region.clock, RANDOM, () -> 1);

        ServerRefusedException wrongCode = assertThrows(ServerRefusedException.class,
                () -> enrollment.enroll("ABCD-EFGH-JKLM"));
        assertEquals("ENROLLMENT_CODE_INVALID", wrongCode.code());

        CheckpointDevice device = new CheckpointDevice(store, region.clock, null);
        device.enroll(enrollment.enroll(region.enrollmentCode(checkpoint)));
        CountingTransport counted = new CountingTransport();
        HttpDeviceApi api = new HttpDeviceApi(new ApiClient(counted, () -> Locale.ENGLISH), keys, device, region.clock,
                RANDOM, null);

        assertEquals(SyncResult.Kind.APPLIED, device.apply(api.fetchBundle()).kind());
        region.clock.advance(Duration.ofMinutes(1));
        assertEquals(SyncResult.Kind.APPLIED, device.apply(api.fetchBundle()).kind());
        int full = counted.answerBytes.get(0);
        int current = counted.answerBytes.get(1);
        assertTrue(current < full / 2, "a current device gets the signed sync alone: " + full + " then " + current);

        // The app restarts: a new device object over the same store, a new client with nothing in memory.
        CheckpointDevice restarted = new CheckpointDevice(store, region.clock, null);
        restarted.load();
        HttpDeviceApi afterRestart = new HttpDeviceApi(new ApiClient(counted, () -> Locale.ENGLISH), keys, restarted,
                region.clock, RANDOM, null);
        region.clock.advance(Duration.ofMinutes(1));
        assertEquals(SyncResult.Kind.APPLIED, restarted.apply(afterRestart.fetchBundle()).kind());
        int restartedBytes = counted.answerBytes.get(2);
        assertTrue(restartedBytes < full / 2, "after a restart the kept documents are stated, not fetched again: "
                + full + " then " + restartedBytes);

        MutableClock phoneClock = new MutableClock(region.clock.instant().plus(Duration.ofMinutes(10)));
        HttpDeviceApi skewed = new HttpDeviceApi(english(), keys, device, phoneClock, RANDOM, null);
        DeviceRefusedException refused = assertThrows(DeviceRefusedException.class, skewed::fetchBundle);
        assertEquals("DEVICE_CLOCK_SKEW", refused.code());
    }
}
