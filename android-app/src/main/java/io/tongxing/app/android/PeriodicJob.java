package io.tongxing.app.android;

import android.app.job.JobInfo;
import android.app.job.JobParameters;
import android.app.job.JobScheduler;
import android.app.job.JobService;
import android.content.ComponentName;
import android.content.Context;
import android.util.Log;
import java.util.concurrent.TimeUnit;

/**
 * The app's periodic background jobs: scheduled with any network and kept across reboots, each run one round
 * of work on the app's background thread, retried by the system's back-off when the server was not reached.
 * A round cannot be interrupted safely mid-upload: when the system stops the job, the round ends on its own
 * and the job runs again later.
 */
abstract class PeriodicJob extends JobService {
    private static final String TAG = "tongxing";

    /** One round of the job's work; false when the server was not reached (try again soon). */
    abstract boolean round(AppGraph graph);

    /** Schedules {@code job} unless it is already scheduled (scheduling again would restart its period). */
    static void schedule(Context context, int id, Class<? extends PeriodicJob> job, long periodMinutes) {
        JobScheduler scheduler = context.getSystemService(JobScheduler.class);
        if (scheduler == null || scheduler.getPendingJob(id) != null) {
            return;
        }
        JobInfo info = new JobInfo.Builder(id, new ComponentName(context, job))
                .setRequiredNetworkType(JobInfo.NETWORK_TYPE_ANY)
                .setPeriodic(TimeUnit.MINUTES.toMillis(periodMinutes))
                .setPersisted(true) // needs RECEIVE_BOOT_COMPLETED
                .build();
        if (scheduler.schedule(info) != JobScheduler.RESULT_SUCCESS) {
            Log.w(TAG, "the background job " + job.getSimpleName() + " could not be scheduled");
        }
    }

    @Override
    public final boolean onStartJob(JobParameters params) {
        AppGraph graph = TongxingApplication.graph(this);
        graph.background.execute(() -> jobFinished(params, !round(graph)));
        return true;
    }

    @Override
    public final boolean onStopJob(JobParameters params) {
        return true;
    }
}
