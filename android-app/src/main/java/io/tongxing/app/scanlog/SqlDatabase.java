package io.tongxing.app.scanlog;

import java.io.Closeable;
import java.util.List;

/**
 * The little of SQLite the scan log needs, so that its logic is plain Java: on the phone Android's
 * {@code SQLiteDatabase}, in tests sqlite-jdbc over a real database file. Arguments and column values
 * are {@code Long}, {@code String} or {@code null}. Failures are {@link StorageException}s.
 */
public interface SqlDatabase extends Closeable {

    /** Runs a statement that returns no rows, binding {@code args} to its {@code ?} parameters. */
    void execute(String sql, Object... args);

    /** Runs a query; each row is an array of its column values. */
    List<Object[]> query(String sql, Object... args);

    /** Runs {@code work} in one transaction: committed durably if it returns, rolled back if it throws. */
    <T> T inTransaction(Work<T> work);

    @Override
    void close();

    /** Statements that belong together. */
    @FunctionalInterface
    interface Work<T> {
        T run();
    }
}
