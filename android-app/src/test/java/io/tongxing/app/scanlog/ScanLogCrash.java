package io.tongxing.app.scanlog;

import io.tongxing.app.testing.JdbcSqlDatabase;
import io.tongxing.verify.Reason;
import io.tongxing.verify.Verdict;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Run in a child JVM by {@link ScanLogTest}: works on a scan log and kills its own process (halt, no
 * shutdown hooks, no rollback, no close) at a chosen statement inside a transaction, as the system does
 * when it kills the app.
 */
public final class ScanLogCrash {
    static final int HALTED = 42;

    private ScanLogCrash() {
    }

    public static void main(String[] args) {
        String file = args[0];
        String mode = args[1];
        String trigger = mode.equals("during-append") ? "INSERT INTO scan" : "UPDATE scan SET sent";
        HaltingDatabase db = new HaltingDatabase(file, trigger);
        ScanLog log = ScanLog.open(db);
        if (mode.equals("during-append")) {
            log.append("cp", verdict());
            log.append("cp", verdict());
            log.append("cp", verdict());
            db.armed = true;
            log.append("cp", verdict());
        } else {
            List<Long> all = new ArrayList<>();
            for (ScanRecord record : log.unsent(100)) {
                all.add(record.sequence());
            }
            db.armed = true;
            log.markSent(all);
        }
        System.exit(0); // Not reached when the trigger fires.
    }

    static Verdict verdict() {
        return new Verdict(Reason.INPUT_NOT_RECOGNIZED, Optional.empty(), Optional.empty(),
                Instant.parse("2026-11-22T08:00:00Z"));
    }

    /** Halts the JVM right after the first statement that starts with the trigger, once armed. */
    private static final class HaltingDatabase extends JdbcSqlDatabase {
        private final String trigger;
        volatile boolean armed;

        HaltingDatabase(String file, String trigger) {
            super(Paths.get(file));
            this.trigger = trigger;
        }

        @Override
        public void execute(String sql, Object... args) {
            super.execute(sql, args);
            if (armed && sql.startsWith(trigger)) {
                Runtime.getRuntime().halt(HALTED);
            }
        }
    }
}
