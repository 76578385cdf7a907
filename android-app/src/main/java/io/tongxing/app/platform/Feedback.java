package io.tongxing.app.platform;

/** Sound and vibration: an officer hears and feels a verdict without looking at the screen. */
public interface Feedback {

    void play(Cue cue);

    /** One distinct sound and vibration per verdict; the patterns are milliseconds off, on, off, on... */
    enum Cue {
        /** One short pulse and a high chime. */
        PASS(new long[] {0, 120}),
        /** Three long pulses and a low buzz. */
        STOP(new long[] {0, 400, 150, 400, 150, 400}),
        /** Two medium pulses and a two-tone beep. */
        REVIEW(new long[] {0, 250, 200, 250});

        private final long[] vibration;

        Cue(long[] vibration) {
            this.vibration = vibration;
        }

        public long[] vibration() {
            return vibration.clone();
        }
    }
}
