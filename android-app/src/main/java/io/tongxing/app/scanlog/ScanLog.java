package io.tongxing.app.scanlog;

import io.tongxing.token.RegionCode;
import io.tongxing.token.TokenKind;
import io.tongxing.verify.Outcome;
import io.tongxing.verify.Reason;
import io.tongxing.verify.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checkpoint's local log of every scan, written before the verdict is shown. Each record gets the
 * next device sequence number in the same transaction that stores it, from a counter row that is never
 * decremented (so pruning old records never lets a number come back). Records are uploaded in batches
 * and marked sent only once the server acknowledged them; the server keys them by device and sequence
 * number, so a batch sent twice after a crash counts once: exactly once in effect.
 */
public final class ScanLog {
    /** 2 added {@code source}: null for a scan, {@code ID_NUMBER} for an ID-number check. */
    private static final int SCHEMA_VERSION = 2;
    private static final String COLUMNS = "seq, scanned_at, checkpoint, outcome, reason, kind, issuer, subject, source";

    private final SqlDatabase db;

    private ScanLog(SqlDatabase db) {
        this.db = db;
    }

    /** Opens the log in {@code db}, creating its tables on first use. */
    public static ScanLog open(SqlDatabase db) {
        db.inTransaction(() -> {
            long version = (Long) db.query("PRAGMA user_version").get(0)[0];
            db.execute("CREATE TABLE IF NOT EXISTS scan ("
                    + "seq INTEGER PRIMARY KEY, "
                    + "scanned_at INTEGER NOT NULL, "
                    + "checkpoint TEXT NOT NULL, "
                    + "outcome TEXT NOT NULL, "
                    + "reason TEXT NOT NULL, "
                    + "kind TEXT, issuer TEXT, subject TEXT, "
                    + "sent INTEGER NOT NULL DEFAULT 0, "
                    + "source TEXT)");
            if (version == 1) {
                // A log written by a build before ID-number checks: its scans were all scans.
                db.execute("ALTER TABLE scan ADD COLUMN source TEXT");
            }
            db.execute("CREATE INDEX IF NOT EXISTS scan_unsent ON scan (sent, seq)");
            db.execute("CREATE TABLE IF NOT EXISTS device_sequence ("
                    + "id INTEGER PRIMARY KEY CHECK (id = 1), last INTEGER NOT NULL)");
            db.execute("INSERT OR IGNORE INTO device_sequence (id, last) VALUES (1, 0)");
            db.execute("PRAGMA user_version = " + SCHEMA_VERSION);
            return null;
        });
        return new ScanLog(db);
    }

    /** Logs {@code verdict}, durably, and returns its record with its new sequence number. */
    public ScanRecord append(String checkpoint, Verdict verdict) {
        return db.inTransaction(() -> {
            db.execute("UPDATE device_sequence SET last = last + 1 WHERE id = 1");
            long sequence = (Long) db.query("SELECT last FROM device_sequence WHERE id = 1").get(0)[0];
            ScanRecord record = ScanRecord.of(sequence, checkpoint, verdict);
            db.execute("INSERT INTO scan (" + COLUMNS + ", sent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                    record.sequence(), record.scannedAt().toEpochMilli(), record.checkpoint(),
                    record.outcome().name(), record.reason().name(),
                    record.kind().map(TokenKind::typ).orElse(null),
                    record.issuer().map(RegionCode::value).orElse(null),
                    record.subject().orElse(null),
                    record.source() == Verdict.Source.SCANNED ? null : record.source().name());
            return record;
        });
    }

    /** The oldest records not yet acknowledged by the server, at most {@code limit}, in sequence order. */
    public List<ScanRecord> unsent(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        List<ScanRecord> records = new ArrayList<>();
        for (Object[] row : db.query("SELECT " + COLUMNS + " FROM scan WHERE sent = 0 ORDER BY seq LIMIT " + limit)) {
            records.add(record(row));
        }
        return records;
    }

    /**
     * Marks acknowledged records as sent, all or none. Numbers already marked, or that the log does not
     * hold, change nothing: a duplicate acknowledgement is harmless.
     */
    public void markSent(Collection<Long> sequences) {
        db.inTransaction(() -> {
            for (Long sequence : sequences) {
                db.execute("UPDATE scan SET sent = 1 WHERE seq = ? AND sent = 0", sequence);
            }
            return null;
        });
    }

    /** How many scans since {@code from} ended in each outcome (outcomes with none are left out). */
    public Map<Outcome, Long> countsSince(Instant from) {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Object[] row : db.query("SELECT outcome, COUNT(*) FROM scan WHERE scanned_at >= ? GROUP BY outcome",
                from.toEpochMilli())) {
            counts.put(Outcome.valueOf((String) row[0]), (Long) row[1]);
        }
        return counts;
    }

    /** The last {@code limit} scans, newest first, each with whether the server has acknowledged it. */
    public List<Logged> latest(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        List<Logged> latest = new ArrayList<>();
        for (Object[] row : db.query("SELECT " + COLUMNS + ", sent FROM scan ORDER BY seq DESC LIMIT " + limit)) {
            latest.add(new Logged(record(row), ((Long) row[9]) != 0));
        }
        return latest;
    }

    /** A scan in the log and whether it was uploaded. */
    public record Logged(ScanRecord record, boolean sent) {
    }

    public long unsentCount() {
        return (Long) db.query("SELECT COUNT(*) FROM scan WHERE sent = 0").get(0)[0];
    }

    public long count() {
        return (Long) db.query("SELECT COUNT(*) FROM scan").get(0)[0];
    }

    /** The last sequence number handed out (0 before the first scan). */
    public long lastSequence() {
        return (Long) db.query("SELECT last FROM device_sequence WHERE id = 1").get(0)[0];
    }

    /** Deletes sent records scanned before {@code cutoff}, to bound the file; unsent ones always stay. */
    public void pruneSentBefore(Instant cutoff) {
        db.execute("DELETE FROM scan WHERE sent = 1 AND scanned_at < ?", cutoff.toEpochMilli());
    }

    public void close() {
        db.close();
    }

    private static ScanRecord record(Object[] row) {
        return new ScanRecord((Long) row[0], Instant.ofEpochMilli((Long) row[1]), (String) row[2],
                Outcome.valueOf((String) row[3]), Reason.valueOf((String) row[4]),
                Optional.ofNullable((String) row[5]).flatMap(TokenKind::ofTyp),
                Optional.ofNullable((String) row[6]).flatMap(RegionCode::parse),
                Optional.ofNullable((String) row[7]),
                row[8] == null ? Verdict.Source.SCANNED : Verdict.Source.valueOf((String) row[8]));
    }
}
