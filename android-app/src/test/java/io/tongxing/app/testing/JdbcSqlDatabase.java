package io.tongxing.app.testing;

import io.tongxing.app.scanlog.SqlDatabase;
import io.tongxing.app.scanlog.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The scan log's SqlDatabase on the JVM: sqlite-jdbc over a real database file, the same SQLite engine
 * as the phone's, with the same durability setting (synchronous FULL).
 */
public class JdbcSqlDatabase implements SqlDatabase {
    private final Connection connection;

    public JdbcSqlDatabase(Path file) {
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA synchronous = FULL");
            }
        } catch (SQLException e) {
            throw new StorageException("cannot open " + file, e);
        }
    }

    @Override
    public void execute(String sql, Object... args) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            statement.execute();
        } catch (SQLException e) {
            throw new StorageException(sql, e);
        }
    }

    @Override
    public List<Object[]> query(String sql, Object... args) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        Object value = result.getObject(i + 1);
                        row[i] = value instanceof Integer ? Long.valueOf((Integer) value) : value;
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StorageException(sql, e);
        }
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException("transaction failed", e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StorageException("close failed", e);
        }
    }

    private static void bind(PreparedStatement statement, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }
}
