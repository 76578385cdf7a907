package io.tongxing.app.testing;

import io.tongxing.app.platform.Feedback;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers the cues played. */
public final class RecordingFeedback implements Feedback {
    public final List<Cue> played = new CopyOnWriteArrayList<>();

    @Override
    public void play(Cue cue) {
        played.add(cue);
    }
}
