package io.tongxing.app.android;

import android.content.Context;
import android.util.Log;
import io.tongxing.app.model.checkpoint.BackgroundSync;

/**
 * Uploads scans and syncs the checkpoint's data while the checkpoint screen is off. The work is
 * {@link BackgroundSync} (tested on the JVM); this class only hands it over.
 */
public final class CheckpointSyncJob extends PeriodicJob {
    static final int JOB_ID = 0x7458;
    /** The shortest period Android allows for a periodic job. */
    private static final long PERIOD_MINUTES = 15;
    private static final String TAG = "tongxing";

    static void schedule(Context context) {
        schedule(context, JOB_ID, CheckpointSyncJob.class, PERIOD_MINUTES);
    }

    @Override
    boolean round(AppGraph graph) {
        BackgroundSync.Report report = graph.backgroundSync().run();
        Log.i(TAG, "background checkpoint sync: " + report.outcome());
        return report.outcome() != BackgroundSync.Outcome.OFFLINE;
    }
}
