package io.tongxing.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.model.Icon;
import io.tongxing.app.model.checkpoint.CheckpointDevice;
import io.tongxing.app.model.checkpoint.ScanLoop;
import io.tongxing.app.model.checkpoint.SyncResult;
import io.tongxing.app.model.checkpoint.SyncRound;
import io.tongxing.app.model.checkpoint.VerdictScreen;
import io.tongxing.app.model.resident.CheckIn;
import io.tongxing.app.model.resident.HealthCodeScreen;
import io.tongxing.app.model.resident.PassRecord;
import io.tongxing.app.model.resident.PassesScreen;
import io.tongxing.app.model.resident.ResidentSync;
import io.tongxing.app.model.resident.ResidentVault;
import io.tongxing.app.scanlog.ScanLog;
import io.tongxing.app.scanlog.ScanLogUpload;
import io.tongxing.app.scanlog.ScanRecord;
import io.tongxing.app.server.ResidentDownload;
import io.tongxing.app.server.http.AccountSession;
import io.tongxing.app.server.http.ApiClient;
import io.tongxing.app.server.http.HttpDeviceApi;
import io.tongxing.app.server.http.HttpEnrollment;
import io.tongxing.app.server.http.HttpResidentApi;
import io.tongxing.app.server.http.UrlConnectionTransport;
import io.tongxing.app.testing.JdbcSqlDatabase;
import io.tongxing.app.testing.ManualTicker;
import io.tongxing.app.testing.MemorySecureStore;
import io.tongxing.app.testing.NoisyFrames;
import io.tongxing.app.testing.RecordingFeedback;
import io.tongxing.app.testing.RecordingScreen;
import io.tongxing.app.testing.SoftwareDeviceKeys;
import io.tongxing.app.testing.SoftwareHolderKeys;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.identity.ResidentIdNumbers;
import io.tongxing.token.PassModel;
import io.tongxing.token.RegionCode;
import io.tongxing.verify.Outcome;
import io.tongxing.verify.Reason;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app against a real region server over HTTP: a resident registers, checks in and shows a code bound
 * to the phone; an officer enrolls a checkpoint phone with an admin's one-time code; the phone syncs,
 * scans the resident's QR image through its scan loop (PASS), scans it again after the resident was
 * confirmed a case (STOP), and uploads its scan log, which the server stores once, however often sent.
 */
class EndToEndTest {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static RegionServerFixture region;

    @TempDir
    Path dir;

    @BeforeAll
    static void startRegion() {
        region = RegionServerFixture.start();
    }

    @AfterAll
    static void stopRegion() {
        region.stop();
    }

    /** The phone of a resident who has registered, logged in and registered the phone's holder key. */
    private final class ResidentPhone {
        final MemorySecureStore store = new MemorySecureStore();
        final XmlLocalizer words = XmlLocalizer.inChinese();
        final AccountSession session = new AccountSession(
                new ApiClient(UrlConnectionTransport.to(region.baseUrl), () -> Locale.SIMPLIFIED_CHINESE), store,
                "resident-session", words);
        final HttpResidentApi api = new HttpResidentApi(session, region.clock);
        final SoftwareHolderKeys holderKey = new SoftwareHolderKeys();
        final ResidentVault vault = new ResidentVault(store);
        final ResidentSync sync = new ResidentSync(api, vault, holderKey, region.clock);
        final HealthCodeScreen screen = new HealthCodeScreen(vault, holderKey, region.clock,
                new ManualTicker(region.clock), new RecordingScreen(), words, api, Runnable::run);
        final PassesScreen passes = new PassesScreen(vault, holderKey, region.clock, new ManualTicker(region.clock),
                new RecordingScreen(), words);
        String idNumber;

        ResidentPhone registered() throws Exception {
            String phone = "139" + String.format("%08d", RANDOM.nextInt(100_000_000));
            String first17 = "110105" + "19850612" + String.format("%03d", RANDOM.nextInt(1000));
            session.requestRegistrationCode(phone);
            idNumber = first17 + ResidentIdNumbers.checkCharacter(first17);
            session.registerResident("张三", idNumber, phone,
                    "Resident-pass-" + phone, region.smsCodeFor(phone));
            region.afterAMinute();
            sync.registerPhone();
            return this;
        }

        List<PassesScreen.PassCard> passCards() {
            passes.onHide();
            passes.onShow();
            return passes.state().passes();
        }

        HealthCodeScreen.Shown shownCode() {
            screen.onHide();
            screen.onShow();
            return screen.state().code().orElseThrow(() -> new AssertionError("no code on screen: " + screen.state()));
        }
    }

    /** A checkpoint phone enrolled by its officer, with its scan loop and sync round. */
    private final class CheckpointPhone {
        final MemorySecureStore store = new MemorySecureStore();
        final XmlLocalizer words = XmlLocalizer.inEnglish();
        final ApiClient api = new ApiClient(UrlConnectionTransport.to(region.baseUrl), () -> Locale.ENGLISH);
        final SoftwareDeviceKeys deviceKeys = new SoftwareDeviceKeys();
        final CheckpointDevice device = new CheckpointDevice(store, region.clock, null);
        final ScanLog log;
        final HttpDeviceApi deviceApi = new HttpDeviceApi(api, deviceKeys, device, region.clock, RANDOM, null);
        final SyncRound round;
        final ScanLoop loop;

        CheckpointPhone(Path dir) {
            log = ScanLog.open(new JdbcSqlDatabase(dir.resolve("scan-log.db")));
            round = new SyncRound(device, deviceApi, new ScanLogUpload(log, deviceApi, 100));
            loop = new ScanLoop(device, log, region.clock, new ManualTicker(region.clock), new RecordingFeedback(), words,
                    ScanLoop.Timing.defaults());
        }

        void enrollAt(String checkpoint, String officerLogin, String officerPassword, String code) throws Exception {
            AccountSession officer = new AccountSession(api, store, "officer-session", words);
            officer.login(officerLogin, officerPassword);
            device.enroll(new HttpEnrollment(officer, deviceKeys, region.clock, RANDOM, () -> log.lastSequence() + 1)
                    .enroll(code));
        }

        VerdictScreen scan(HealthCodeScreen.Shown code, long seed) {
            loop.onFrame(NoisyFrames.frame(code.qr(), WIDTH, HEIGHT, 6, seed), WIDTH, HEIGHT);
            VerdictScreen verdict = loop.state().verdict()
                    .orElseThrow(() -> new AssertionError("no verdict: " + loop.state()));
            loop.onVerdictTapped();
            return verdict;
        }
    }

    @Test
    void aResidentRegistersChecksInAndShowsALiveCodeWithItsExplanation() throws Exception {
        ResidentPhone phone = new ResidentPhone().registered();
        assertTrue(phone.session.loggedIn());
        assertEquals("RESIDENT", phone.session.role().get());

        LocalDate today = LocalDate.now(region.clock.withZone(ZoneId.of("Asia/Shanghai")));
        phone.api.submit(new CheckIn(today, new BigDecimal("36.6"), Collections.emptySet(), Collections.emptyList()));
        phone.sync.refresh();

        HealthCodeScreen.Shown code = phone.shownCode();
        assertTrue(code.live(), "the code carries this phone's key, so it is shown with a live holder proof");
        assertTrue(code.band().words().contains("绿码"), code.band().words());
        assertTrue(code.name().contains("张*"), code.name());

        phone.screen.onWhyRequested();
        String explanation = phone.screen.state().explanation().orElseThrow(AssertionError::new);
        assertFalse(explanation.isEmpty());
        assertTrue(explanation.chars().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                "the server explains in the phone's language: " + explanation);
    }

    @Test
    void aCheckpointPhoneEnrollsSyncsScansPassThenStopAndUploadsEachScanOnce() throws Exception {
        ResidentPhone resident = new ResidentPhone().registered();
        resident.sync.refresh();
        HealthCodeScreen.Shown green = resident.shownCode();

        String checkpoint = "cp-app-" + Integer.toString(RANDOM.nextInt(Integer.MAX_VALUE), 36);
        String officer = region.checkpointWithOfficer(checkpoint, "Officer-pass-01");
        CheckpointPhone phone = new CheckpointPhone(dir);
        phone.enrollAt(checkpoint, officer, "Officer-pass-01", region.enrollmentCode(checkpoint));
        assertEquals(checkpoint, phone.device.enrollment().get().checkpoint());

        SyncRound.Report first = phone.round.run();
        assertEquals(SyncResult.Kind.APPLIED, first.sync().get().kind(), first.toString());
        phone.loop.refresh();
        assertEquals(ScanLoop.Mode.SCANNING, phone.loop.state().mode());

        VerdictScreen pass = phone.scan(green, 1);
        assertEquals(Outcome.PASS, pass.outcome(), pass.reason());

        // The resident is confirmed a case: the green code is revoked and the next sync carries it.
        region.confirmCase(resident.session.accountId().get());
        region.clock.advance(Duration.ofSeconds(30));
        SyncRound.Report second = phone.round.run();
        assertEquals(SyncResult.Kind.APPLIED, second.sync().get().kind());
        assertEquals(1, second.upload().acknowledged(), "the first scan went up with the round");

        VerdictScreen revoked = phone.scan(resident.shownCode(), 2);
        assertEquals(Outcome.STOP, revoked.outcome(), revoked.reason());
        assertTrue(revoked.reasonCode().contains(Reason.REVOKED.name()), revoked.reasonCode());

        resident.sync.refresh();
        VerdictScreen red = phone.scan(resident.shownCode(), 3);
        assertEquals(Outcome.STOP, red.outcome(), red.reason());

        List<ScanRecord> unsent = phone.log.unsent(100);
        assertEquals(2, unsent.size());
        SyncRound.Report third = phone.round.run();
        assertEquals(2, third.upload().acknowledged());
        assertEquals(0, phone.log.unsentCount());

        String device = phone.device.enrollment().get().deviceId();
        List<Map<String, Object>> stored = RegionServerFixture.query(
                "select sequence, outcome, reason, subject, received_at from scan_records where device_id = ?::uuid"
                        + " order by sequence", device);
        assertEquals(3, stored.size());
        assertEquals(List.of("PASS", "STOP", "STOP"), stored.stream().map(r -> r.get("outcome")).toList());
        assertEquals(List.of(1L, 2L, 3L), stored.stream().map(r -> ((Number) r.get("sequence")).longValue()).toList());

        // The answer to the last upload was lost, say: the phone sends the batch again.
        assertEquals(java.util.Set.of(2L, 3L), phone.deviceApi.upload(unsent));
        assertEquals(stored, RegionServerFixture.query(
                "select sequence, outcome, reason, subject, received_at from scan_records where device_id = ?::uuid"
                        + " order by sequence", device), "nothing stored twice, nothing changed");
    }

    @Test
    void aResidentSeesTheirIssuedPassThenItsSuspensionWithTheReasonAndAWaitingApplication() throws Exception {
        ResidentPhone phone = new ResidentPhone().registered();
        LocalDate today = LocalDate.now(region.clock.withZone(ZoneId.of("Asia/Shanghai")));
        phone.api.submit(new CheckIn(today, new BigDecimal("36.6"), Collections.emptySet(), Collections.emptyList()));

        // Enterprise, corridors, employee, work letter, applications and approval, all through the server's API.
        RegionServerFixture.Enterprise enterprise = region.enterprise();
        String commute = region.corridor("WORK_COMMUTE", enterprise);
        String commitments = region.corridor("TWO_COMMITMENTS_ONE_PERMIT", enterprise);
        String employee = region.employ(enterprise.token(), "张三", phone.idNumber);
        region.workLetter(enterprise.token(), employee);
        String passId = region.approve(region.apply(enterprise.token(), employee, commute));
        String waiting = region.apply(enterprise.token(), employee, commitments); // no commitments yet

        ResidentDownload download = phone.api.fetchCredentials();
        assertEquals(2, download.passes().size(), download.passes().toString());
        PassRecord pass = download.passes().get(0);
        assertEquals(passId, pass.id());
        assertEquals(PassRecord.Status.ISSUED, pass.status());
        assertEquals(Optional.of(PassModel.WORK_COMMUTE), pass.model());
        assertEquals(List.of(RegionCode.of("110112"), RegionCode.of("131082")), pass.route());
        assertTrue(pass.token().get().startsWith("eyJ"));
        assertTrue(pass.appliedAt().isPresent(), "the application's date");
        assertEquals(Optional.empty(), pass.reason());
        PassRecord application = download.passes().get(1);
        assertEquals(waiting, application.id());
        assertEquals(PassRecord.Status.PENDING, application.status());
        assertEquals(Optional.of(PassModel.TWO_COMMITMENTS_ONE_PERMIT), application.model());
        assertEquals(Optional.empty(), application.token());

        // On the phone: the pass is valid and its QR may be shown; the application waits.
        phone.sync.refresh();
        List<PassesScreen.PassCard> cards = phone.passCards();
        assertEquals(List.of(passId, waiting), cards.stream().map(PassesScreen.PassCard::id).toList());
        assertTrue(cards.get(0).canShowCode(), cards.get(0).toString());
        assertTrue(cards.get(0).state().icon() == Icon.CHECK, cards.get(0).toString());
        assertEquals(Icon.HOURGLASS, cards.get(1).state().icon(), cards.get(1).toString());
        phone.passes.showCode(passId);
        assertTrue(phone.passes.state().shown().isPresent(), "a valid pass's QR is shown");
        phone.passes.hideCode();

        // The resident is confirmed a case: the code turns red and the server suspends the pass.
        region.confirmCase(phone.session.accountId().get());
        region.clock.advance(Duration.ofSeconds(30));
        PassRecord suspended = phone.api.fetchCredentials().passes().get(0);
        assertEquals(passId, suspended.id());
        assertEquals(PassRecord.Status.SUSPENDED, suspended.status());
        assertTrue(suspended.reason().orElse("").contains("健康码非绿码"), suspended.reason().toString());
        assertTrue(suspended.token().isPresent());

        phone.sync.refresh();
        PassesScreen.PassCard card = phone.passCards().get(0);
        assertEquals(Icon.PAUSE, card.state().icon(), card.toString());
        assertFalse(card.canShowCode(), "a suspended pass offers no QR");
        assertTrue(card.details().stream().anyMatch(line -> line.contains("健康码非绿码")), card.details().toString());

        // A reviewer revokes it: revoked, with the reviewer's words.
        region.asAdmin("POST", "/api/v1/admin/passes/" + passId + "/revocation",
                Collections.<String, Object>singletonMap("reason", "核查发现承诺不实"));
        PassRecord revoked = phone.api.fetchCredentials().passes().get(0);
        assertEquals(PassRecord.Status.REVOKED, revoked.status());
        assertTrue(revoked.reason().orElse("").contains("核查发现承诺不实"), revoked.reason().toString());
    }
}
