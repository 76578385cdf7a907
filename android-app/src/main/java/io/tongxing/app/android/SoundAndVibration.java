package io.tongxing.app.android;

import android.content.Context;
import android.media.AudioManager;
import android.media.ToneGenerator;
import android.os.VibrationEffect;
import android.os.Vibrator;
import io.tongxing.app.platform.Feedback;

/**
 * A distinct tone and vibration pattern per verdict. The tone plays on the alarm stream: an officer's
 * phone is often set to silent or vibrate, which mutes the notification and ringer streams, and a STOP
 * that is not heard at a busy checkpoint is a person waved through. Alarms sound unless the officer
 * silenced alarms too (Do Not Disturb), and their volume is the alarm volume.
 */
final class SoundAndVibration implements Feedback {
    static final int STREAM = AudioManager.STREAM_ALARM;

    private final Vibrator vibrator;
    private final ToneGenerator tones;

    SoundAndVibration(Context context) {
        this.vibrator = context.getSystemService(Vibrator.class);
        ToneGenerator generator;
        try {
            generator = new ToneGenerator(STREAM, 90);
        } catch (RuntimeException e) {
            generator = null; // No audio on this device: vibration still tells the verdict.
        }
        this.tones = generator;
    }

    @Override
    public void play(Cue cue) {
        if (tones != null) {
            switch (cue) {
                case PASS:
                    tones.startTone(ToneGenerator.TONE_PROP_ACK, 200);
                    break;
                case STOP:
                    tones.startTone(ToneGenerator.TONE_SUP_ERROR, 900);
                    break;
                default:
                    tones.startTone(ToneGenerator.TONE_PROP_BEEP2, 500);
            }
        }
        if (vibrator != null && vibrator.hasVibrator()) {
            vibrator.vibrate(VibrationEffect.createWaveform(cue.vibration(), -1));
        }
    }
}
