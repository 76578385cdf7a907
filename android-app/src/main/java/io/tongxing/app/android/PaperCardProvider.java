package io.tongxing.app.android;

import android.content.ContentProvider;
import android.content.ContentValues;
import android.database.Cursor;
import android.database.MatrixCursor;
import android.net.Uri;
import android.os.ParcelFileDescriptor;
import android.provider.OpenableColumns;
import java.io.File;
import java.io.FileNotFoundException;

/**
 * Lends the paper cards {@link PaperCardFiles} kept to the app the person chose, read-only: not exported, so
 * only an app given a URI grant by this app reads a card ({@code content://io.tongxing.app.cards/<name>.pdf}).
 */
public final class PaperCardProvider extends ContentProvider {
    static final String AUTHORITY = "io.tongxing.app.cards";

    static Uri uri(String name) {
        return new Uri.Builder().scheme("content").authority(AUTHORITY).appendPath(name + ".pdf").build();
    }

    @Override
    public boolean onCreate() {
        return true;
    }

    @Override
    public ParcelFileDescriptor openFile(Uri uri, String mode) throws FileNotFoundException {
        if (!"r".equals(mode)) {
            throw new SecurityException("paper cards are lent read-only");
        }
        return ParcelFileDescriptor.open(card(uri), ParcelFileDescriptor.MODE_READ_ONLY);
    }

    @Override
    public String getType(Uri uri) {
        return PaperCardFiles.MEDIA_TYPE;
    }

    /** The name and size viewers ask for (OpenableColumns), nothing else. */
    @Override
    public Cursor query(Uri uri, String[] projection, String selection, String[] selectionArgs, String sortOrder) {
        File card;
        try {
            card = card(uri);
        } catch (FileNotFoundException e) {
            return null;
        }
        String[] columns = projection != null ? projection : new String[] {OpenableColumns.DISPLAY_NAME, OpenableColumns.SIZE};
        Object[] row = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            if (OpenableColumns.DISPLAY_NAME.equals(columns[i])) {
                row[i] = card.getName();
            } else if (OpenableColumns.SIZE.equals(columns[i])) {
                row[i] = card.length();
            }
        }
        MatrixCursor cursor = new MatrixCursor(columns, 1);
        cursor.addRow(row);
        return cursor;
    }

    @Override
    public Uri insert(Uri uri, ContentValues values) {
        throw new UnsupportedOperationException("paper cards are read-only");
    }

    @Override
    public int delete(Uri uri, String selection, String[] selectionArgs) {
        throw new UnsupportedOperationException("paper cards are read-only");
    }

    @Override
    public int update(Uri uri, ContentValues values, String selection, String[] selectionArgs) {
        throw new UnsupportedOperationException("paper cards are read-only");
    }

    /** The kept card a URI names: one path segment, {@code <name>.pdf}, of a name the app writes. */
    private File card(Uri uri) throws FileNotFoundException {
        String segment = uri.getLastPathSegment();
        if (uri.getPathSegments().size() != 1 || segment == null || !segment.endsWith(".pdf")) {
            throw new FileNotFoundException("no such card: " + uri);
        }
        File card;
        try {
            card = PaperCardFiles.file(getContext(), segment.substring(0, segment.length() - 4));
        } catch (IllegalArgumentException e) {
            throw new FileNotFoundException("no such card: " + uri);
        }
        if (!card.isFile()) {
            throw new FileNotFoundException("no such card: " + uri);
        }
        return card;
    }
}
