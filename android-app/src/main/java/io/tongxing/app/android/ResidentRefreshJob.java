package io.tongxing.app.android;

import android.content.Context;
import android.util.Log;
import io.tongxing.app.model.resident.ResidentNotices;
import io.tongxing.app.model.resident.ResidentSync;
import io.tongxing.app.server.ServerRefusedException;
import java.io.IOException;

/**
 * Fetches a logged-in resident's code and passes, who lists them as an employee, and the codes of the family
 * members they look after, in the background, about every hour when a network is up, and tells them with a local
 * notification what changed ({@link ResidentNotices}): no push service is needed, and none is there on many
 * phones in China.
 */
public final class ResidentRefreshJob extends PeriodicJob {
    static final int JOB_ID = 0x7459;
    private static final long PERIOD_MINUTES = 60;
    private static final String TAG = "tongxing";

    static void schedule(Context context) {
        schedule(context, JOB_ID, ResidentRefreshJob.class, PERIOD_MINUTES);
    }

    @Override
    boolean round(AppGraph graph) {
        return refresh(this, graph);
    }

    /** One round: fetch, compare, notify. False when the server could not be reached. */
    static boolean refresh(Context context, AppGraph graph) {
        try {
            if (!graph.resident().loggedIn()) {
                return true;
            }
            ResidentSync.Change change = graph.residentSync().refreshAndCompare();
            ResidentNotifier notifier = new ResidentNotifier(context, graph.words);
            ResidentNotices notices = new ResidentNotices(graph.words);
            notifier.post(notices.between(change.before(), change.after()));
            // Who newly listed the resident as an employee: one more call an hour, no polling of its own.
            notifier.post(notices.listedBy(graph.employersSync().refreshAndTell()));
            // The family members' codes too, so the guardian can show a fresh one where there is no network.
            graph.familySync().refreshEveryone();
            return true;
        } catch (ServerRefusedException e) {
            Log.i(TAG, "background refresh refused: " + e.code());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
