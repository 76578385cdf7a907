package io.tongxing.app.model.resident;

import static io.tongxing.app.testing.TongzhouCheckpoint.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.model.Icon;
import io.tongxing.app.model.Signal;
import io.tongxing.app.model.checkpoint.CheckpointDevice;
import io.tongxing.app.model.family.FamilyVault;
import io.tongxing.app.server.ColourExplanations;
import io.tongxing.app.testing.ManualTicker;
import io.tongxing.app.testing.MemorySecureStore;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.RecordingScreen;
import io.tongxing.app.testing.SoftwareHolderKeys;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.app.text.Localizer;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrText;
import io.tongxing.token.Colour;
import io.tongxing.token.HolderKey;
import io.tongxing.verify.Outcome;
import io.tongxing.verify.Reason;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The resident's health code on screen, as a checkpoint officer will see and scan it. */
class HealthCodeScreenTest {
    private final MutableClock clock = new MutableClock(NOW);
    private final ManualTicker ticker = new ManualTicker(clock);
    private final RecordingScreen screen = new RecordingScreen();
    private final SoftwareHolderKeys phone = new SoftwareHolderKeys();
    private final MemorySecureStore store = new MemorySecureStore();
    private final ResidentVault vault = new ResidentVault(store);
    private ColourExplanations explanations = language -> "You visited a medium-risk county on 11-20.";

    @BeforeEach
    void receivedThreeHoursAgo() throws Exception {
        keep(TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.of(phone.holderKey())));
    }

    @Test
    void aGreenCodeShowsItsQrBandIconWordsMaskedIdentityAndAge() {
        HealthCodeScreen model = shown(XmlLocalizer.inEnglish());

        HealthCodeScreen.Shown code = model.state().code().get();
        assertEquals(Signal.green(Icon.CHECK, "Green code: may travel"), code.band());
        assertEquals("Name: 张*三", code.name());
        assertEquals("ID number: **************123X", code.idNumber());
        assertEquals("Issued 2026-11-22 13:00", code.issued());
        assertEquals("(3 h ago)", code.age());
        assertEquals("Health code QR of 张*三: Green code: may travel", code.qrDescription());
        assertTrue(code.live());
        assertEquals(List.of("Live code: renewed every 30 seconds, so a screenshot will not pass",
                "Copy on this phone, received 3 h ago"), model.state().notices());
        assertTrue(code.qr().version() <= 15, "a bound health code fits version 15");
    }

    @Test
    void inChineseEveryWordIsChinese() {
        HealthCodeScreen.Shown code = shown(XmlLocalizer.inChinese()).state().code().get();

        assertEquals("绿码：可通行", code.band().words());
        assertEquals("姓名：张*三", code.name());
        assertEquals("证件号码：**************123X", code.idNumber());
        assertEquals("签发时间：2026-11-22 13:00", code.issued());
        assertEquals("（3 小时前）", code.age());
    }

    @Test
    void yellowAndRedCodesHaveTheirOwnIconsNotJustColours() throws Exception {
        keep(TongzhouCheckpoint.healthCode(Colour.YELLOW, 42, Optional.empty()));
        assertEquals(Signal.yellow(Icon.WARNING, "Yellow code: limited travel"),
                shown(XmlLocalizer.inEnglish()).state().code().get().band());

        keep(TongzhouCheckpoint.healthCode(Colour.RED, 42, Optional.empty()));
        assertEquals(Signal.red(Icon.CROSS, "Red code: do not travel"),
                shown(XmlLocalizer.inEnglish()).state().code().get().band());
    }

    @Test
    void whileShownTheScreenIsBrightAndUncapturableAndGetsBothBackWhenHidden() {
        HealthCodeScreen model = shown(XmlLocalizer.inEnglish());
        assertTrue(screen.bright);
        assertTrue(screen.secure);
        assertTrue(model.showing());

        model.onHide();

        assertFalse(screen.bright);
        assertFalse(screen.secure);
        assertEquals(0, ticker.scheduled(), "no refresh while hidden");
    }

    @Test
    void everyThirtySecondsTheQrCarriesAFreshProofSoAScreenshotStopsPassing() throws Exception {
        HealthCodeScreen model = shown(XmlLocalizer.inEnglish());
        CheckpointDevice checkpoint = TongzhouCheckpoint.syncedDevice(clock);
        String screenshot = model.state().code().get().qrText();
        assertEquals(NOW.getEpochSecond(), QrText.decode(screenshot).holderProof().get().epochSecond());
        assertEquals(Reason.ACCEPTED, checkpoint.verifier().get().verify(screenshot).reason());

        ticker.advance(Duration.ofSeconds(29));
        assertEquals(screenshot, model.state().code().get().qrText(), "not yet");
        ticker.advance(Duration.ofSeconds(1));
        String refreshed = model.state().code().get().qrText();
        assertNotEquals(screenshot, refreshed);
        assertEquals(NOW.plusSeconds(30).getEpochSecond(), QrText.decode(refreshed).holderProof().get().epochSecond());

        ticker.advance(Duration.ofSeconds(60));
        assertEquals(Reason.HOLDER_PROOF_OUT_OF_WINDOW, checkpoint.verifier().get().verify(screenshot).reason(),
                "a screenshot taken 90 s ago");
        assertEquals(Outcome.PASS, checkpoint.verifier().get().verify(model.state().code().get().qrText()).outcome(),
                "what the screen shows now");
    }

    @Test
    void aClockRunsEverySecondBesideTheCodeWhileTheQrStaysUntilItsRefresh() {
        HealthCodeScreen model = shown(XmlLocalizer.inChinese());
        String qr = model.state().code().get().qrText();
        assertEquals("实时 · 16:00:00", model.state().code().get().clock(), "Beijing time of the phone");

        ticker.advance(Duration.ofSeconds(1));
        assertEquals("实时 · 16:00:01", model.state().code().get().clock());
        ticker.advance(Duration.ofSeconds(7));
        assertEquals("实时 · 16:00:08", model.state().code().get().clock());
        assertEquals(qr, model.state().code().get().qrText(), "the clock ticks; the proof is redrawn every 30 s");

        model.onHide();
        ticker.advance(Duration.ofSeconds(5));
        assertEquals("实时 · 16:00:08", model.state().code().get().clock(), "no clock while hidden");
    }

    @Test
    void theAgesMoveOnWhileTheCodeIsShown() {
        HealthCodeScreen model = shown(XmlLocalizer.inEnglish());

        clock.advance(Duration.ofHours(2));
        model.refresh(); // what the 30-s tick does

        assertEquals("(5 h ago)", model.state().code().get().age());
        assertEquals("Copy on this phone, received 5 h ago", model.state().notices().get(1));
    }

    @Test
    void anExpiredCodeIsNotShownAndTheScreenSaysToGetTodaysCode() {
        HealthCodeScreen model = shown(XmlLocalizer.inEnglish());

        clock.advance(Duration.ofHours(21));
        model.refresh();

        assertEquals(Optional.empty(), model.state().code());
        assertEquals(Optional.of("This code has expired. Connect to the internet to get today's code."),
                model.state().message());
    }

    @Test
    void withNoCodeOnThePhoneItSaysHowToGetOne() throws Exception {
        store.delete(ResidentVault.NAME);

        HealthCodeScreen model = shown(XmlLocalizer.inEnglish());

        assertEquals(Optional.empty(), model.state().code());
        assertEquals(Optional.of("No health code on this phone yet. Connect to the internet to get one."),
                model.state().message());
        assertEquals(Collections.emptyList(), model.state().notices());
    }

    @Test
    void aCodeBoundToAnotherPhoneIsShownWithoutAProofAndSaysToLogInAgain() throws Exception {
        HolderKey otherPhone = new SoftwareHolderKeys().holderKey();
        keep(TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.of(otherPhone)));

        HealthCodeScreen model = shown(XmlLocalizer.inEnglish());

        assertFalse(QrText.decode(model.state().code().get().qrText()).holderProof().isPresent());
        assertEquals("This code is bound to another phone. Log in again to register this one.",
                model.state().notices().get(0));
    }

    @Test
    void anUnboundCodeIsShownAsItIsAndSaysOfficersMayAskForTheIdCard() throws Exception {
        String unbound = TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty());
        keep(unbound);

        HealthCodeScreen model = shown(XmlLocalizer.inEnglish());

        assertEquals(QrText.encode(Presentation.of(unbound)), model.state().code().get().qrText());
        assertEquals("This code is not bound to this phone; officers may ask for your ID card.",
                model.state().notices().get(0));
    }

    @Test
    void whenTheKeystoreFailsTheCodeIsStillShown() {
        phone.failing = true;

        HealthCodeScreen model = shown(XmlLocalizer.inEnglish());

        assertTrue(model.state().code().isPresent());
        assertFalse(model.state().code().get().live());
        assertTrue(model.state().notices().get(0).startsWith("This phone's security key is unavailable"));
    }

    @Test
    void whyIsMyCodeThisColourShowsTheServersExplanation() {
        List<Locale> asked = new java.util.ArrayList<>();
        explanations = language -> {
            asked.add(language);
            return "您于 11 月 20 日到访中风险地区。";
        };
        HealthCodeScreen model = shown(XmlLocalizer.inChinese());
        assertEquals("为什么是这个颜色？", model.state().whyLabel());

        model.onWhyRequested();

        assertEquals(Optional.of("您于 11 月 20 日到访中风险地区。"), model.state().explanation());
        assertEquals(List.of(Locale.SIMPLIFIED_CHINESE), asked);
    }

    @Test
    void offlineTheExplanationSaysItNeedsAConnection() {
        explanations = language -> {
            throw new IOException("offline (test)");
        };
        HealthCodeScreen model = shown(XmlLocalizer.inEnglish());

        model.onWhyRequested();

        assertEquals(Optional.of("The explanation needs a connection. Try again when online."),
                model.state().explanation());
        assertTrue(model.state().whyEnabled(), "it can be asked again");
    }

    @Test
    void aFamilyMembersCodeIsLabelledWithTheirMaskedNameAndPassesAtTheCheckpointWithoutAProof() throws Exception {
        FamilyVault family = new FamilyVault(store);
        String memberId = "0e9a7c52-1b3d-4f6e-8a90-123456789abc";
        family.saveSnapshot(memberId, new ResidentSnapshot(Optional.of(TongzhouCheckpoint.healthCode(Colour.GREEN, 43,
                Optional.empty())), Collections.emptyList(), NOW.minus(Duration.ofMinutes(5))));
        HealthCodeScreen model = new HealthCodeScreen(family.snapshots(memberId), phone, clock, ticker, screen,
                XmlLocalizer.inEnglish(), explanations, Runnable::run, Optional.of("张*三"));
        model.onShow();

        HealthCodeScreen.State state = model.state();
        assertEquals(Optional.of(new Signal(0xFF37474F, Signal.WHITE, Icon.PERSON, "Shown for a family member: 张*三")),
                state.owner());
        assertEquals("Shown for a family member: the officer compares their ID card.", state.notices().get(0));
        assertFalse(state.whyEnabled(), "the colour's explanation is the member's own to ask for");
        assertFalse(state.code().get().live());
        assertTrue(screen.bright && screen.secure, "shown like one's own code");
        assertEquals(Outcome.PASS, TongzhouCheckpoint.syncedDevice(clock).verifier().get()
                .verify(state.code().get().qrText()).outcome());
    }

    @Test
    void aMembersCodeBoundToTheirOwnPhoneSaysWhereItWillNotDo() throws Exception {
        FamilyVault family = new FamilyVault(store);
        String memberId = "0e9a7c52-1b3d-4f6e-8a90-123456789abc";
        HolderKey membersPhone = new SoftwareHolderKeys().holderKey();
        family.saveSnapshot(memberId, new ResidentSnapshot(Optional.of(TongzhouCheckpoint.healthCode(Colour.GREEN, 43,
                Optional.of(membersPhone))), Collections.emptyList(), NOW));
        HealthCodeScreen model = new HealthCodeScreen(family.snapshots(memberId), phone, clock, ticker, screen,
                XmlLocalizer.inChinese(), explanations, Runnable::run, Optional.of("张*三"));
        model.onShow();

        assertEquals("此码绑定在家人自己的手机上：卡口要求动态码时，请家人出示本人手机或纸质卡。", model.state().notices().get(0));
        assertFalse(QrText.decode(model.state().code().get().qrText()).holderProof().isPresent(),
                "the guardian's phone never signs for the member's key");
    }

    private HealthCodeScreen shown(Localizer words) {
        HealthCodeScreen model = new HealthCodeScreen(vault, phone, clock, ticker, screen, words, explanations,
                Runnable::run);
        model.onShow();
        return model;
    }

    private void keep(String healthCode) throws IOException {
        vault.save(new ResidentSnapshot(Optional.of(healthCode), Collections.emptyList(), NOW.minus(Duration.ofHours(3))));
    }
}
