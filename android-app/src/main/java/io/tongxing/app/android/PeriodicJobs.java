package io.tongxing.app.android;

import android.app.Service;
import android.app.job.JobInfo;
import android.app.job.JobScheduler;
import android.content.ComponentName;
import android.content.Context;
import android.util.Log;
import java.util.concurrent.TimeUnit;

/** Schedules the app's periodic background jobs: any network, kept across reboots, not restarted if pending. */
final class PeriodicJobs {
    private static final String TAG = "tongxing";

    private PeriodicJobs() {
    }

    /** Schedules {@code job} unless it is already scheduled (scheduling again would restart its period). */
    static void schedule(Context context, int id, Class<? extends Service> job, long periodMinutes) {
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
}
