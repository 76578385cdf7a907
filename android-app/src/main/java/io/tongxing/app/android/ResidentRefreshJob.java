package io.tongxing.app.android;

import android.app.job.JobParameters;
import android.app.job.JobService;
import android.content.Context;
import android.util.Log;
import io.tongxing.app.model.resident.ResidentNotices;
import io.tongxing.app.model.resident.ResidentSync;
import io.tongxing.app.server.ServerRefusedException;
import java.io.IOException;

/**
 * Fetches a logged-in resident's code and passes in the background, about every hour when a network is up,
 * and tells them with a local notification what changed ({@link ResidentNotices}): no push service is
 * needed, and none is there on many phones in China.
 */
public final class ResidentRefreshJob extends JobService {
    static final int JOB_ID = 0x7459;
    private static final long PERIOD_MINUTES = 60;
    private static final String TAG = "tongxing";

    static void schedule(Context context) {
        PeriodicJobs.schedule(context, JOB_ID, ResidentRefreshJob.class, PERIOD_MINUTES);
    }

    @Override
    public boolean onStartJob(JobParameters params) {
        AppGraph graph = TongxingApplication.graph(this);
        graph.background.execute(() -> jobFinished(params, !refresh(this, graph)));
        return true;
    }

    /** One round: fetch, compare, notify. False when the server could not be reached (try again soon). */
    static boolean refresh(Context context, AppGraph graph) {
        try {
            if (!graph.resident().loggedIn()) {
                return true;
            }
            ResidentSync.Change change = graph.residentSync().refreshAndCompare();
            new ResidentNotifier(context, graph.words).post(new ResidentNotices(graph.words)
                    .between(change.before(), change.after()));
            return true;
        } catch (ServerRefusedException e) {
            Log.i(TAG, "background refresh refused: " + e.code());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean onStopJob(JobParameters params) {
        return true;
    }
}
