package io.tongxing.app.android;

import android.database.Cursor;
import android.database.sqlite.SQLiteDatabase;
import android.database.sqlite.SQLiteException;
import io.tongxing.app.scanlog.SqlDatabase;
import io.tongxing.app.scanlog.StorageException;
import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * The scan log's database on the phone. Synchronous mode FULL: a committed scan survives power loss,
 * not only an app kill (Android's default for WAL connections is NORMAL, which may lose the last
 * transactions on power loss).
 */
final class AndroidSqlDatabase implements SqlDatabase {
    private final SQLiteDatabase db;

    private AndroidSqlDatabase(SQLiteDatabase db) {
        this.db = db;
    }

    static AndroidSqlDatabase open(File file) {
        try {
            SQLiteDatabase db = SQLiteDatabase.openOrCreateDatabase(file, null);
            db.execSQL("PRAGMA synchronous = FULL");
            return new AndroidSqlDatabase(db);
        } catch (SQLiteException e) {
            throw new StorageException("cannot open " + file, e);
        }
    }

    @Override
    public void execute(String sql, Object... args) {
        try {
            db.execSQL(sql, args);
        } catch (SQLiteException e) {
            throw new StorageException(sql, e);
        }
    }

    @Override
    public List<Object[]> query(String sql, Object... args) {
        String[] text = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            // SQLite compares a text argument with an INTEGER column numerically (type affinity).
            text[i] = args[i] == null ? null : args[i].toString();
        }
        List<Object[]> rows = new ArrayList<>();
        try (Cursor cursor = db.rawQuery(sql, text)) {
            while (cursor.moveToNext()) {
                Object[] row = new Object[cursor.getColumnCount()];
                for (int i = 0; i < row.length; i++) {
                    switch (cursor.getType(i)) {
                        case Cursor.FIELD_TYPE_NULL:
                            row[i] = null;
                            break;
                        case Cursor.FIELD_TYPE_INTEGER:
                            row[i] = cursor.getLong(i);
                            break;
                        default:
                            row[i] = cursor.getString(i);
                    }
                }
                rows.add(row);
            }
        } catch (SQLiteException e) {
            throw new StorageException(sql, e);
        }
        return rows;
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
        try {
            db.beginTransaction();
            try {
                T result = work.run();
                db.setTransactionSuccessful();
                return result;
            } finally {
                db.endTransaction();
            }
        } catch (SQLiteException e) {
            throw new StorageException("transaction failed", e);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
