package io.tongxing.app.model.checkpoint;

import static io.tongxing.app.testing.TongzhouCheckpoint.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.model.Icon;
import io.tongxing.app.model.Signal;
import io.tongxing.app.model.checkpoint.IdCheckForm.Phase;
import io.tongxing.app.platform.Feedback;
import io.tongxing.app.scanlog.ScanLog;
import io.tongxing.app.scanlog.ScanRecord;
import io.tongxing.app.server.IdCheckService;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.app.testing.JdbcSqlDatabase;
import io.tongxing.app.testing.MemorySecureStore;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.RecordingFeedback;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.sync.IdCheckReason;
import io.tongxing.token.Colour;
import io.tongxing.token.TokenKind;
import io.tongxing.verify.Outcome;
import io.tongxing.verify.Reason;
import io.tongxing.verify.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The officer's "no phone" check: the number checked on the phone first, then the server's signed answer
 * verified like a scan, logged, and shown with the hint to compare the ID card's photo; every way of getting no
 * answer is REVIEW with its own reason.
 */
class IdCheckFormTest {
    /** The standard's own example: Chaoyang, Beijing, born 1949-12-31, check character X. */
    private static final String ID_NUMBER = "11010519491231002X";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(NOW);
    private final RecordingFeedback feedback = new RecordingFeedback();
    private final FakeIdChecks server = new FakeIdChecks();
    private CheckpointDevice device;
    private ScanLog log;
    private IdCheckForm form;

    /** The home server as the contract says it answers: a signed answer for the request's own jti. */
    private static final class FakeIdChecks implements IdCheckService {
        final List<String> asked = new ArrayList<>();
        Optional<String> found = Optional.of(TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty()));
        boolean offline;
        ServerRefusedException refusal;
        boolean answerAnotherRequest;
        int requests;

        @Override
        public Answer check(String idNumber, IdCheckReason reason) throws IOException, ServerRefusedException {
            asked.add(idNumber + " " + reason.code());
            if (offline) {
                throw new IOException("no network (test)");
            }
            if (refusal != null) {
                throw refusal;
            }
            String jti = "id-check-request-" + (++requests);
            String answered = answerAnotherRequest ? "id-check-request-0" : jti;
            return new Answer(TongzhouCheckpoint.idCheckAnswer(TongzhouCheckpoint.TRUST_KEY, answered, found), jti);
        }
    }

    @BeforeEach
    void aSyncedCheckpoint() {
        device = TongzhouCheckpoint.syncedDevice(clock);
        log = ScanLog.open(new JdbcSqlDatabase(dir.resolve("scan-log.db")));
        form = form(device);
    }

    private IdCheckForm form(CheckpointDevice on) {
        return new IdCheckForm(on, new IdNumberCheck(on, server), log, clock, feedback, XmlLocalizer.inEnglish(),
                Runnable::run, IdCheckReason.NO_PHONE);
    }

    @Test
    void aRegisteredGreenPersonPassesWithTheHintToCompareThePhotoAndTheCheckIsLoggedLikeAScan() {
        form.setIdNumber(" 11010519491231002x ");
        form.submit();

        assertEquals(List.of(ID_NUMBER + " no_phone"), server.asked, "sent once, upper-cased and trimmed");
        IdCheckForm.State state = form.state();
        assertEquals(Phase.VERDICT, state.phase());
        VerdictScreen verdict = state.verdict().get();
        assertEquals(Outcome.PASS, verdict.outcome());
        assertEquals(Optional.of("Health code, looked up by ID number"), verdict.kind());
        assertEquals(Optional.of(new Signal(Signal.WHITE, Signal.BLACK, Icon.WARNING,
                "Looked up by ID number: compare the ID card's photo with the person")), verdict.hint());
        assertEquals(Optional.of("Name 张*三"), verdict.name());
        assertEquals(List.of("Green code", "Status data: 10 min ago"), verdict.details());
        assertTrue(verdict.description().contains("compare the ID card's photo"), verdict.description());
        assertEquals(List.of(Feedback.Cue.PASS), feedback.played);

        ScanRecord logged = log.latest(1).get(0).record();
        assertEquals(Reason.ACCEPTED, logged.reason());
        assertEquals(Optional.of(TokenKind.HEALTH_CODE), logged.kind());
        assertEquals(Verdict.Source.ID_NUMBER, logged.source());
        assertEquals("", state.idNumber(), "the number is forgotten once checked");
        assertFalse(form.saved().containsValue(ID_NUMBER));
    }

    @Test
    void aRedPersonIsStoppedWithTheColourInWords() {
        server.found = Optional.of(TongzhouCheckpoint.healthCode(Colour.RED, 42, Optional.empty()));
        form.setIdNumber(ID_NUMBER);
        form.submit();

        VerdictScreen verdict = form.state().verdict().get();
        assertEquals(Outcome.STOP, verdict.outcome());
        assertEquals("Reason code CODE_RED", verdict.reasonCode());
        assertTrue(verdict.details().contains("Red code"), verdict.details().toString());
        assertEquals(List.of(Feedback.Cue.STOP), feedback.played);
    }

    @Test
    void aTypoIsPointedOutAndNothingIsSentOrLogged() {
        form.setIdNumber("110105194912310021");
        form.submit();

        assertEquals(Phase.EDITING, form.state().phase());
        assertEquals(Optional.of("The last character does not fit the others: check the number for a typo."),
                form.state().idError());
        assertEquals(Optional.of("Correct the ID number. Nothing was sent."), form.state().message());
        assertTrue(server.asked.isEmpty());
        assertEquals(0, log.count());

        form.setIdNumber(ID_NUMBER);
        assertEquals(Optional.empty(), form.state().idError(), "the message follows the edit");
    }

    @Test
    void withoutANetworkTheVerdictIsReviewNeedsANetworkAndStillLogged() {
        server.offline = true;
        form.setIdNumber(ID_NUMBER);
        form.submit();

        VerdictScreen verdict = form.state().verdict().get();
        assertEquals(Outcome.REVIEW, verdict.outcome());
        assertEquals("An ID-number check needs a network: check by hand", verdict.reason());
        assertEquals(Optional.empty(), verdict.hint(), "nothing was verified, so there is nothing to compare");
        assertEquals(Reason.ID_CHECK_NEEDS_NETWORK, log.latest(1).get(0).record().reason());
        assertEquals(List.of(Feedback.Cue.REVIEW), feedback.played);
    }

    @Test
    void aRefusalIsReviewWithTheServersOwnWords() {
        server.refusal = new ServerRefusedException("ID_CHECKS_LIMIT", "Too many ID-number checks from this device.");
        form.setIdNumber(ID_NUMBER);
        form.submit();

        VerdictScreen verdict = form.state().verdict().get();
        assertEquals(Outcome.REVIEW, verdict.outcome());
        assertEquals("Reason code ID_CHECK_REFUSED", verdict.reasonCode());
        assertTrue(verdict.details().contains("The server said: Too many ID-number checks from this device."),
                verdict.details().toString());
    }

    @Test
    void anAnswerToAnotherRequestIsNotBelieved() {
        server.answerAnotherRequest = true;
        form.setIdNumber(ID_NUMBER);
        form.submit();

        assertEquals("Reason code ID_CHECK_ANSWER_INVALID", form.state().verdict().get().reasonCode());
        assertEquals(Optional.empty(), form.state().verdict().get().name());
    }

    @Test
    void aNumberNobodyHereHasIsReviewWithoutAName() {
        server.found = Optional.empty();
        form.setIdNumber(ID_NUMBER);
        form.submit();

        VerdictScreen verdict = form.state().verdict().get();
        assertEquals("No record of this ID number: check by hand", verdict.reason());
        assertEquals(Optional.empty(), verdict.name());
        assertEquals(Verdict.Source.ID_NUMBER, log.latest(1).get(0).record().source());
    }

    @Test
    void theChosenReasonIsSent() {
        form.choose(IdCheckReason.PHONE_UNUSABLE);
        assertTrue(form.state().reasons().stream().anyMatch(r -> r.chosen() && r.reason() == IdCheckReason.PHONE_UNUSABLE));
        form.setIdNumber(ID_NUMBER);
        form.submit();

        assertEquals(List.of(ID_NUMBER + " phone_unusable"), server.asked);
    }

    @Test
    void aPhoneNotEnrolledCannotCheckAndSendsNothing() {
        IdCheckForm unenrolled = form(new CheckpointDevice(new MemorySecureStore(), clock, null));
        unenrolled.setIdNumber(ID_NUMBER);
        unenrolled.submit();

        assertEquals(Phase.NOT_READY, unenrolled.state().phase());
        assertFalse(unenrolled.state().submitEnabled());
        assertTrue(server.asked.isEmpty());
    }

    @Test
    void aTappedVerdictLeavesAnEmptyFormForTheNextPerson() {
        form.setIdNumber(ID_NUMBER);
        form.submit();
        form.onVerdictTapped();

        assertEquals(Phase.EDITING, form.state().phase());
        assertEquals(Optional.empty(), form.state().verdict());
        assertEquals("", form.state().idNumber());
    }

    @Test
    void whatWasTypedAndAVerdictOnScreenSurviveTheScreenBeingMadeAnew() {
        form.choose(IdCheckReason.CODE_UNREADABLE);
        form.setIdNumber("1101051949");
        form.submit();
        IdCheckForm again = form(device);
        again.restore(form.saved());
        assertEquals("1101051949", again.state().idNumber());
        assertTrue(again.state().idError().isPresent(), "the message shown before is shown again");
        assertTrue(again.state().reasons().get(IdCheckReason.CODE_UNREADABLE.ordinal()).chosen());

        form.setIdNumber(ID_NUMBER);
        form.submit();
        Map<String, String> saved = form.saved();
        IdCheckForm restored = form(device);
        restored.restore(saved);
        assertEquals(Phase.VERDICT, restored.state().phase());
        assertEquals(form.state().verdict().get().reason(), restored.state().verdict().get().reason());
        assertEquals(form.state().verdict().get().hint(), restored.state().verdict().get().hint());
        assertEquals(1, server.requests, "a restored verdict is not asked for again");
    }
}
