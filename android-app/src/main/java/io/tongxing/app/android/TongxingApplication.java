package io.tongxing.app.android;

import android.app.Application;
import android.content.Context;

/** Holds the app's one {@link AppGraph}, made when the process starts. */
public final class TongxingApplication extends Application {
    private AppGraph graph;

    @Override
    public void onCreate() {
        super.onCreate();
        graph = AppGraph.forPhone(this);
    }

    static AppGraph graph(Context context) {
        return ((TongxingApplication) context.getApplicationContext()).graph;
    }

    /** Replaces the graph: the Robolectric tests wire their own clock, ticker and server before a screen starts. */
    static void useGraph(Context context, AppGraph graph) {
        ((TongxingApplication) context.getApplicationContext()).graph = graph;
    }
}
