package io.tongxing.app.android;

import android.app.job.JobParameters;
import android.app.job.JobService;
import android.content.Context;
import android.util.Log;
import io.tongxing.app.model.checkpoint.BackgroundSync;

/**
 * Uploads scans and syncs the checkpoint's data while the checkpoint screen is off: a periodic job the
 * system runs when a network is up, kept across reboots. The work is {@link BackgroundSync} (tested on the
 * JVM), on the app's background thread; this class only hands it over and tells the system when it ended.
 */
public final class CheckpointSyncJob extends JobService {
    static final int JOB_ID = 0x7458;
    /** The shortest period Android allows for a periodic job. */
    private static final long PERIOD_MINUTES = 15;
    private static final String TAG = "tongxing";

    /** Schedules the job unless it is already scheduled. */
    static void schedule(Context context) {
        PeriodicJobs.schedule(context, JOB_ID, CheckpointSyncJob.class, PERIOD_MINUTES);
    }

    @Override
    public boolean onStartJob(JobParameters params) {
        AppGraph graph = TongxingApplication.graph(this);
        graph.background.execute(() -> {
            BackgroundSync.Report report = graph.backgroundSync().run();
            Log.i(TAG, "background checkpoint sync: " + report.outcome());
            // Not reached: let the system retry with its back-off rather than wait a whole period.
            jobFinished(params, report.outcome() == BackgroundSync.Outcome.OFFLINE);
        });
        return true;
    }

    /** The round cannot be interrupted safely mid-upload; it ends on its own, and the job runs again later. */
    @Override
    public boolean onStopJob(JobParameters params) {
        return true;
    }
}
