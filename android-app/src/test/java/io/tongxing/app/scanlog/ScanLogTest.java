package io.tongxing.app.scanlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.model.checkpoint.CheckpointDevice;
import io.tongxing.app.testing.FakeScanServer;
import io.tongxing.app.testing.JdbcSqlDatabase;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrText;
import io.tongxing.token.Colour;
import io.tongxing.token.TokenKind;
import io.tongxing.verify.Outcome;
import io.tongxing.verify.Reason;
import io.tongxing.verify.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan log against a real SQLite database file, including the app being killed mid-write. */
class ScanLogTest {
    @TempDir
    Path dir;

    private ScanLog open() {
        return ScanLog.open(new JdbcSqlDatabase(dir.resolve("scan-log.db")));
    }

    @Test
    void sequenceNumbersIncreaseAndSurviveARestart() {
        ScanLog log = open();
        assertEquals(1, log.append("cp", ScanLogCrash.verdict()).sequence());
        assertEquals(2, log.append("cp", ScanLogCrash.verdict()).sequence());
        log.close();

        ScanLog reopened = open();
        assertEquals(2, reopened.lastSequence());
        assertEquals(3, reopened.append("cp", ScanLogCrash.verdict()).sequence());
        assertEquals(3, reopened.unsentCount());
    }

    @Test
    void aLogWrittenBeforeIdNumberChecksOpensWithItsScansAndTakesChecksFromThenOn() {
        JdbcSqlDatabase old = new JdbcSqlDatabase(dir.resolve("scan-log.db"));
        old.execute("CREATE TABLE scan (seq INTEGER PRIMARY KEY, scanned_at INTEGER NOT NULL, checkpoint TEXT NOT NULL, "
                + "outcome TEXT NOT NULL, reason TEXT NOT NULL, kind TEXT, issuer TEXT, subject TEXT, "
                + "sent INTEGER NOT NULL DEFAULT 0)");
        old.execute("CREATE TABLE device_sequence (id INTEGER PRIMARY KEY CHECK (id = 1), last INTEGER NOT NULL)");
        old.execute("INSERT INTO device_sequence (id, last) VALUES (1, 7)");
        old.execute("INSERT INTO scan (seq, scanned_at, checkpoint, outcome, reason) VALUES (7, 1, 'cp', 'STOP', 'INPUT_NOT_RECOGNIZED')");
        old.execute("PRAGMA user_version = 1");
        old.close();

        ScanLog log = open();
        assertEquals(Verdict.Source.SCANNED, log.latest(1).get(0).record().source());
        CheckpointDevice device = TongzhouCheckpoint.syncedDevice(new MutableClock(TongzhouCheckpoint.NOW));
        ScanRecord check = log.append("cp", device.verifier().get().idCheckUnanswered(Reason.ID_CHECK_NEEDS_NETWORK));
        assertEquals(8, check.sequence());
        log.close();
        assertEquals(Verdict.Source.ID_NUMBER, open().latest(1).get(0).record().source());
    }

    @Test
    void aRecordKeepsThePseudonymButNeverTheNameOrIdDigits() {
        CheckpointDevice device = TongzhouCheckpoint.syncedDevice(new MutableClock(TongzhouCheckpoint.NOW));
        Verdict verdict = device.verifier().get().verify(QrText.encode(Presentation.of(
                TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty()))));
        assertEquals(Reason.ACCEPTED, verdict.reason());

        ScanLog log = open();
        log.append(TongzhouCheckpoint.CHECKPOINT, verdict);

        ScanRecord record = log.unsent(10).get(0);
        assertEquals(Outcome.PASS, record.outcome());
        assertEquals(Optional.of(TokenKind.HEALTH_CODE), record.kind());
        assertEquals(Optional.of("q3V9xJm2"), record.subject());
        assertEquals(Optional.of(TongzhouCheckpoint.BEIJING), record.issuer());
        assertEquals(TongzhouCheckpoint.CHECKPOINT, record.checkpoint());
        String everything = dump(dir.resolve("scan-log.db"));
        assertFalse(everything.contains("张"), "the masked name is not logged");
        assertFalse(everything.contains("123X"), "the ID digits are not logged");
    }

    @Test
    void aForgedTokenLeavesNothingOfItsClaimsInTheLog() {
        CheckpointDevice device = TongzhouCheckpoint.syncedDevice(new MutableClock(TongzhouCheckpoint.NOW));
        String forged = TongzhouCheckpoint.healthCode(TongzhouCheckpoint.ROGUE_KEY, Colour.GREEN,
                TongzhouCheckpoint.NOW.minus(Duration.ofHours(1)), 42, Optional.empty());
        Verdict verdict = device.verifier().get().verify(forged);
        assertEquals(Outcome.STOP, verdict.outcome());

        ScanLog log = open();
        ScanRecord record = log.append("cp", verdict);

        assertEquals(Optional.empty(), record.subject());
        assertEquals(Optional.empty(), log.unsent(1).get(0).subject());
        assertEquals(verdict.reason(), log.unsent(1).get(0).reason());
    }

    @Test
    void anAppKilledBetweenInsertAndCommitLeavesNoRecordAndNoGap() throws Exception {
        Path file = dir.resolve("scan-log.db");
        assertEquals(ScanLogCrash.HALTED, runChild(file, "during-append"), "the child must die inside the transaction");

        ScanLog log = open();
        assertEquals(3, log.count(), "the fourth record was never committed");
        assertEquals(3, log.lastSequence(), "nor was its sequence number");
        assertEquals(4, log.append("cp", ScanLogCrash.verdict()).sequence());
        assertEquals(Arrays.asList(1L, 2L, 3L, 4L), sequences(log.unsent(10)));
    }

    @Test
    void anAppKilledWhileMarkingABatchSentMarksNoneOfIt() throws Exception {
        ScanLog log = open();
        for (int i = 0; i < 5; i++) {
            log.append("cp", ScanLogCrash.verdict());
        }
        log.close();

        assertEquals(ScanLogCrash.HALTED, runChild(dir.resolve("scan-log.db"), "during-mark-sent"));

        ScanLog reopened = open();
        assertEquals(5, reopened.unsentCount(), "all or nothing: the batch goes again");
    }

    @Test
    void aDuplicateOrUnknownAcknowledgementChangesNothing() {
        ScanLog log = open();
        log.append("cp", ScanLogCrash.verdict());
        log.append("cp", ScanLogCrash.verdict());

        log.markSent(Collections.singletonList(1L));
        log.markSent(Arrays.asList(1L, 1L, 99L));

        assertEquals(Collections.singletonList(2L), sequences(log.unsent(10)));
        assertEquals(2, log.count());
    }

    @Test
    void pruningSentRecordsNeverLetsASequenceNumberComeBack() {
        ScanLog log = open();
        for (int i = 0; i < 3; i++) {
            log.append("cp", ScanLogCrash.verdict());
        }
        log.markSent(Arrays.asList(1L, 2L, 3L));
        log.pruneSentBefore(Instant.parse("2030-01-01T00:00:00Z"));
        assertEquals(0, log.count());
        log.close();

        assertEquals(4, open().append("cp", ScanLogCrash.verdict()).sequence());
    }

    @Test
    void pruningKeepsWhatWasNotSent() {
        ScanLog log = open();
        log.append("cp", ScanLogCrash.verdict());
        log.pruneSentBefore(Instant.parse("2030-01-01T00:00:00Z"));
        assertEquals(1, log.unsentCount());
    }

    @Test
    void uploadsInBatchesOldestFirstAndMarksOnlyWhatWasAcknowledged() {
        ScanLog log = open();
        for (int i = 0; i < 7; i++) {
            log.append("cp", ScanLogCrash.verdict());
        }
        FakeScanServer server = new FakeScanServer();

        ScanLogUpload.Result result = new ScanLogUpload(log, server, 3).uploadPending();

        assertEquals(7, result.acknowledged());
        assertEquals(0, result.remaining());
        assertEquals(Arrays.asList(3, 3, 1), server.batchSizes);
        assertEquals(Arrays.asList(1L, 2L, 3L, 4L, 5L, 6L, 7L), new ArrayList<>(server.stored.keySet()));
    }

    @Test
    void aPartialAcknowledgementLeavesTheRestForTheNextRound() {
        ScanLog log = open();
        for (int i = 0; i < 4; i++) {
            log.append("cp", ScanLogCrash.verdict());
        }
        FakeScanServer server = new FakeScanServer();
        server.acknowledgeAtMost = 2;

        ScanLogUpload.Result result = new ScanLogUpload(log, server, 10).uploadPending();

        assertEquals(2, result.acknowledged());
        assertEquals(2, result.remaining());
        assertEquals(Arrays.asList(3L, 4L), sequences(log.unsent(10)));
    }

    @Test
    void offlineNothingIsMarkedSent() {
        ScanLog log = open();
        log.append("cp", ScanLogCrash.verdict());
        FakeScanServer server = new FakeScanServer();
        server.unreachable = true;

        ScanLogUpload.Result result = new ScanLogUpload(log, server, 10).uploadPending();

        assertTrue(result.failure().isPresent());
        assertEquals(1, log.unsentCount());
    }

    @Test
    void exactlyOnceInEffectWhenTheAnswerIsLostAndTheAppRestarts() {
        ScanLog log = open();
        for (int i = 0; i < 5; i++) {
            log.append("cp", ScanLogCrash.verdict());
        }
        FakeScanServer server = new FakeScanServer();
        server.loseNextAnswer = true;

        ScanLogUpload.Result lost = new ScanLogUpload(log, server, 10).uploadPending();
        assertTrue(lost.failure().isPresent());
        assertEquals(5, log.unsentCount(), "the server stored the batch, but the device never heard so");
        log.close();

        ScanLog restarted = open();
        restarted.append("cp", ScanLogCrash.verdict());
        ScanLogUpload.Result again = new ScanLogUpload(restarted, server, 10).uploadPending();

        assertEquals(6, again.acknowledged());
        assertEquals(0, restarted.unsentCount());
        assertEquals(11, server.receivedRecords, "five records went twice...");
        assertEquals(6, server.stored.size(), "...and count once");
    }

    private static List<Long> sequences(List<ScanRecord> records) {
        List<Long> sequences = new ArrayList<>();
        for (ScanRecord record : records) {
            sequences.add(record.sequence());
        }
        return sequences;
    }

    private static int runChild(Path file, String mode) throws Exception {
        Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ScanLogCrash.class.getName(), file.toString(), mode)
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = child.waitFor();
        if (exit != ScanLogCrash.HALTED) {
            System.err.println(output);
        }
        return exit;
    }

    private static String dump(Path file) {
        JdbcSqlDatabase db = new JdbcSqlDatabase(file);
        try {
            StringBuilder all = new StringBuilder();
            for (Object[] row : db.query("SELECT * FROM scan")) {
                all.append(Arrays.toString(row));
            }
            return all.toString();
        } finally {
            db.close();
        }
    }
}
