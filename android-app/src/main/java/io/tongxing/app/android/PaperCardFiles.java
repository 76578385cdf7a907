package io.tongxing.app.android;

import android.app.Activity;
import android.content.ClipData;
import android.content.Context;
import android.content.Intent;
import android.net.Uri;
import io.tongxing.app.platform.DocumentViewer;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.regex.Pattern;

/**
 * Paper cards handed to the phone's own apps: the PDF is written to the app's cache (only the latest card is
 * kept) and offered to a viewer, which prints or shares it, through {@link PaperCardProvider}'s content URI with
 * a one-time read grant. No storage permission, and no other app can read the file without that grant.
 */
final class PaperCardFiles implements DocumentViewer {
    static final String MEDIA_TYPE = "application/pdf";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final Activity activity;
    private final String chooserTitle;

    PaperCardFiles(Activity activity, String chooserTitle) {
        this.activity = activity;
        this.chooserTitle = chooserTitle;
    }

    /** The folder the cards are kept in, inside the app's cache. */
    static File folder(Context context) {
        return new File(context.getCacheDir(), "paper-cards");
    }

    /** The file {@code name}.pdf, if {@code name} is one this app would write. */
    static File file(Context context, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a card's name: " + name);
        }
        return new File(folder(context), name + ".pdf");
    }

    /** Removes every card (the resident logged out, or the phone moved to another server). */
    static void deleteAll(Context context) {
        File[] cards = folder(context).listFiles();
        if (cards != null) {
            for (File card : cards) {
                card.delete();
            }
        }
    }

    @Override
    public void openPdf(String name, byte[] pdf) throws IOException {
        File target = file(activity, name);
        deleteAll(activity);
        File folder = folder(activity);
        if (!folder.isDirectory() && !folder.mkdirs()) {
            throw new IOException("cannot make " + folder);
        }
        File partial = new File(folder, name + ".tmp");
        try (OutputStream out = new FileOutputStream(partial)) {
            out.write(pdf);
        }
        if (!partial.renameTo(target)) {
            throw new IOException("cannot keep " + target);
        }
        Uri uri = PaperCardProvider.uri(name);
        Intent view = new Intent(Intent.ACTION_VIEW).setDataAndType(uri, MEDIA_TYPE)
                .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION);
        Intent share = new Intent(Intent.ACTION_SEND).setType(MEDIA_TYPE).putExtra(Intent.EXTRA_STREAM, uri)
                .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION);
        share.setClipData(ClipData.newRawUri(name, uri));
        // Viewers print; where the phone has none, the apps that take a shared PDF are offered too (Android 10+).
        Intent chooser = Intent.createChooser(view, chooserTitle)
                .putExtra(Intent.EXTRA_ALTERNATE_INTENTS, new Intent[] {share})
                .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION);
        activity.runOnUiThread(() -> activity.startActivity(chooser));
    }
}
