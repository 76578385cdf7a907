package io.tongxing.app.model.resident;

import static io.tongxing.app.testing.TongzhouCheckpoint.BEIJING;
import static io.tongxing.app.testing.TongzhouCheckpoint.LANGFANG;
import static io.tongxing.app.testing.TongzhouCheckpoint.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.model.Icon;
import io.tongxing.app.model.Signal;
import io.tongxing.app.model.family.FamilyVault;
import io.tongxing.app.testing.ManualTicker;
import io.tongxing.app.testing.MemorySecureStore;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.RecordingScreen;
import io.tongxing.app.testing.SoftwareHolderKeys;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.app.text.Localizer;
import io.tongxing.jose.SigningKey;
import io.tongxing.qr.QrText;
import io.tongxing.token.CommuterPass;
import io.tongxing.token.HolderKey;
import io.tongxing.token.PassModel;
import io.tongxing.token.RegionCode;
import io.tongxing.token.StatusReference;
import io.tongxing.token.TokenSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The resident's passes and applications, each with its state told in words and an icon. */
class PassesScreenTest {
    private final MutableClock clock = new MutableClock(NOW);
    private final ManualTicker ticker = new ManualTicker(clock);
    private final RecordingScreen screen = new RecordingScreen();
    private final SoftwareHolderKeys phone = new SoftwareHolderKeys();
    private final ResidentVault vault = new ResidentVault(new MemorySecureStore());

    @BeforeEach
    void passes() throws Exception {
        List<PassRecord> passes = Arrays.asList(
                PassRecord.issued("valid", TongzhouCheckpoint.commuterPass(42, Optional.of(phone.holderKey()))),
                new PassRecord("suspended", PassRecord.Status.SUSPENDED,
                        Optional.of(TongzhouCheckpoint.commuterPass(43, Optional.empty())), Optional.empty(),
                        List.of(), Optional.of("健康码非绿码 Health code not green"), Optional.empty()),
                new PassRecord("revoked", PassRecord.Status.REVOKED,
                        Optional.of(TongzhouCheckpoint.commuterPass(44, Optional.empty())), Optional.empty(),
                        List.of(), Optional.of("Employment ended"), Optional.empty()),
                PassRecord.issued("expired", pass(NOW.minus(Duration.ofDays(40)), Optional.empty(), Duration.ofDays(30))),
                PassRecord.issued("later", pass(NOW, Optional.of(NOW.plus(Duration.ofDays(2))), Duration.ofDays(30))),
                new PassRecord("pending", PassRecord.Status.PENDING, Optional.empty(),
                        Optional.of(PassModel.WORK_COMMUTE), Arrays.asList(RegionCode.of("310114"), RegionCode.of("320583")),
                        Optional.empty(), Optional.of(NOW.minus(Duration.ofDays(1)))),
                new PassRecord("refused", PassRecord.Status.REFUSED, Optional.empty(),
                        Optional.of(PassModel.FREIGHT_VEHICLE), Arrays.asList(LANGFANG, BEIJING),
                        Optional.of("Vehicle licence missing"), Optional.of(NOW.minus(Duration.ofDays(3)))));
        vault.save(new ResidentSnapshot(Optional.empty(), passes, NOW.minus(Duration.ofMinutes(20))));
    }

    @Test
    void eachPassShowsItsModelRouteValidityAndStateWithAnIcon() {
        PassesScreen model = shown(XmlLocalizer.inEnglish());
        List<PassesScreen.PassCard> cards = model.state().passes();

        PassesScreen.PassCard valid = cards.get(0);
        assertEquals("One letter, one card, one permit", valid.title());
        assertEquals(Signal.green(Icon.CHECK, "Valid"), valid.state());
        assertEquals(List.of("Route: 廊坊市 → 北京市", "Valid 2026-11-21 to 2026-12-21"), valid.details());
        assertTrue(valid.canShowCode());

        assertEquals(Signal.yellow(Icon.PAUSE, "Suspended"), cards.get(1).state());
        assertTrue(cards.get(1).details().contains("Reason: 健康码非绿码 Health code not green"));
        assertEquals(Signal.red(Icon.CROSS, "Revoked"), cards.get(2).state());
        assertTrue(cards.get(2).details().contains("Reason: Employment ended"));
        assertEquals(Signal.grey(Icon.CROSS, "Expired"), cards.get(3).state());
        assertEquals(Signal.blue(Icon.HOURGLASS, "Not yet valid"), cards.get(4).state());

        PassesScreen.PassCard pending = cards.get(5);
        assertEquals("Work-commute pass", pending.title());
        assertEquals(Signal.blue(Icon.HOURGLASS, "Application under review"), pending.state());
        assertEquals(List.of("Route: 嘉定区 → 昆山市", "Applied 2026-11-21"), pending.details());
        assertEquals(Signal.red(Icon.CROSS, "Application refused"), cards.get(6).state());
        assertTrue(cards.get(6).details().contains("Reason: Vehicle licence missing"));

        for (int i = 1; i < cards.size(); i++) {
            assertFalse(cards.get(i).canShowCode(), cards.get(i).id() + " must not offer a code");
        }
        assertEquals(List.of("Copy on this phone, received 20 min ago"), model.state().notices());
    }

    @Test
    void inChineseTheStatesReadInChinese() {
        List<PassesScreen.PassCard> cards = shown(XmlLocalizer.inChinese()).state().passes();

        assertEquals("一信一卡一证", cards.get(0).title());
        assertEquals("有效", cards.get(0).state().words());
        assertEquals("已暂停", cards.get(1).state().words());
        assertEquals("已作废", cards.get(2).state().words());
        assertEquals("申请审核中", cards.get(5).state().words());
        assertEquals("有效期：2026-11-21 至 2026-12-21", cards.get(0).details().get(1));
    }

    @Test
    void showingAPassCodeMakesTheScreenBrightAndUncapturableAndRefreshesItsProof() throws Exception {
        PassesScreen model = shown(XmlLocalizer.inEnglish());
        model.showCode("valid");

        PassesScreen.ShownPass shown = model.state().shown().get();
        assertTrue(screen.bright);
        assertTrue(screen.secure);
        assertEquals("One letter, one card, one permit QR of 李*华", shown.qrDescription());
        assertEquals(NOW.getEpochSecond(), QrText.decode(shown.qrText()).holderProof().get().epochSecond());

        ticker.advance(Duration.ofSeconds(30));
        assertNotEquals(shown.qrText(), model.state().shown().get().qrText());

        model.hideCode();
        assertFalse(screen.bright);
        assertFalse(screen.secure);
        assertEquals(Optional.empty(), model.state().shown());
        assertEquals(0, ticker.scheduled());
    }

    @Test
    void aSuspendedPassOffersNoCode() {
        PassesScreen model = shown(XmlLocalizer.inEnglish());

        model.showCode("suspended");

        assertEquals(Optional.empty(), model.state().shown());
        assertFalse(screen.secure);
    }

    @Test
    void aPassThatExpiresWhileOnScreenIsTakenDown() throws Exception {
        vault.save(new ResidentSnapshot(Optional.empty(),
                List.of(PassRecord.issued("short", pass(NOW.minus(Duration.ofDays(1)), Optional.empty(),
                        Duration.ofDays(1).plusSeconds(40)))), NOW));
        PassesScreen model = shown(XmlLocalizer.inEnglish());
        model.showCode("short");
        assertTrue(model.state().shown().isPresent());

        ticker.advance(Duration.ofSeconds(60));

        assertEquals(Optional.empty(), model.state().shown());
        assertFalse(model.showingCode());
        assertEquals("Expired", model.state().passes().get(0).state().words());
    }

    @Test
    void leavingTheScreenTakesTheCodeDown() {
        PassesScreen model = shown(XmlLocalizer.inEnglish());
        model.showCode("valid");

        model.onHide();

        assertFalse(screen.bright);
        assertFalse(screen.secure);
    }

    @Test
    void withNothingStoredItSaysSo() throws Exception {
        vault.save(new ResidentSnapshot(Optional.empty(), List.of(), NOW));

        assertEquals(Optional.of("No passes or applications on this phone."),
                shown(XmlLocalizer.inEnglish()).state().message());
    }

    private PassesScreen shown(Localizer words) {
        PassesScreen model = new PassesScreen(vault, phone, clock, ticker, screen, words);
        model.onShow();
        return model;
    }

    @Test
    void aFamilyMembersPassesAreLabelledAndAPassBoundToTheirOwnPhoneSaysSo() throws Exception {
        FamilyVault family = new FamilyVault(new MemorySecureStore());
        String memberId = "0e9a7c52-1b3d-4f6e-8a90-123456789abc";
        HolderKey membersPhone = new SoftwareHolderKeys().holderKey();
        family.saveSnapshot(memberId, new ResidentSnapshot(Optional.empty(), List.of(PassRecord.issued("theirs",
                TongzhouCheckpoint.commuterPass(42, Optional.of(membersPhone)))), NOW));
        PassesScreen model = new PassesScreen(family.snapshots(memberId), phone, clock, ticker, screen,
                XmlLocalizer.inEnglish(), Optional.of("李*华"));
        model.onShow();
        assertEquals("Shown for a family member: 李*华", model.state().owner().get().words());

        model.showCode("theirs");
        assertEquals("This code is bound to your family member's own phone: where a checkpoint requires a live code,"
                + " they show their own phone or a paper card.", model.state().shown().get().binding());
    }

    private static String pass(Instant issued, Optional<Instant> validFrom, Duration validity) {
        CommuterPass pass = new CommuterPass(LANGFANG, "Lf8wq0Zk", "李*华", "4521", PassModel.WORK_COMMUTE,
                Arrays.asList(LANGFANG, BEIJING), TongzhouCheckpoint.ENTERPRISE, Optional.empty(), issued, validFrom,
                issued.plus(validity), new StatusReference(1, 50), Optional.empty());
        return TokenSigner.create(SigningKey.of(TongzhouCheckpoint.LANGFANG_KEY)).sign(pass);
    }
}
