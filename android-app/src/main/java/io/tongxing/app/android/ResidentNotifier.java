package io.tongxing.app.android;

import android.Manifest;
import android.app.Notification;
import android.app.NotificationChannel;
import android.app.NotificationManager;
import android.app.PendingIntent;
import android.content.Context;
import android.content.Intent;
import android.content.pm.PackageManager;
import android.os.Build;
import io.tongxing.app.model.resident.ResidentNotices;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import java.util.List;

/**
 * Posts {@link ResidentNotices} as local notifications on three channels (code, passes, employer listings),
 * each opening the screen it is about. Without the notification permission (API 33+, asked at runtime) nothing is posted.
 */
final class ResidentNotifier {
    static final String CODE_CHANNEL = "code";
    static final String PASSES_CHANNEL = "passes";
    static final String EMPLOYERS_CHANNEL = "employers";

    private final Context context;
    private final Localizer words;
    private final NotificationManager manager;

    ResidentNotifier(Context context, Localizer words) {
        this.context = context;
        this.words = words;
        this.manager = context.getSystemService(NotificationManager.class);
    }

    void post(List<ResidentNotices.Notice> notices) {
        if (notices.isEmpty() || !allowed(context)) {
            return;
        }
        manager.createNotificationChannel(new NotificationChannel(CODE_CHANNEL, words.text(Text.NOTICE_CHANNEL_CODE),
                NotificationManager.IMPORTANCE_HIGH));
        manager.createNotificationChannel(new NotificationChannel(PASSES_CHANNEL,
                words.text(Text.NOTICE_CHANNEL_PASSES), NotificationManager.IMPORTANCE_DEFAULT));
        manager.createNotificationChannel(new NotificationChannel(EMPLOYERS_CHANNEL,
                words.text(Text.NOTICE_CHANNEL_EMPLOYERS), NotificationManager.IMPORTANCE_DEFAULT));
        for (ResidentNotices.Notice notice : notices) {
            Intent open = new Intent(context, screen(notice.channel()));
            PendingIntent tap = PendingIntent.getActivity(context, notice.key().hashCode(), open,
                    PendingIntent.FLAG_IMMUTABLE | PendingIntent.FLAG_UPDATE_CURRENT);
            Notification notification = new Notification.Builder(context, channel(notice.channel()))
                    .setSmallIcon(AndroidLocalizer.drawable(context, "ic_warning"))
                    .setContentTitle(notice.title())
                    .setContentText(notice.text())
                    .setStyle(new Notification.BigTextStyle().bigText(notice.text()))
                    .setContentIntent(tap)
                    .setAutoCancel(true)
                    .build();
            manager.notify(notice.key(), 0, notification);
        }
    }

    private static Class<?> screen(ResidentNotices.Channel channel) {
        switch (channel) {
            case CODE:
                return HealthCodeActivity.class;
            case PASSES:
                return PassesActivity.class;
            default:
                return EmployersActivity.class;
        }
    }

    private static String channel(ResidentNotices.Channel channel) {
        switch (channel) {
            case CODE:
                return CODE_CHANNEL;
            case PASSES:
                return PASSES_CHANNEL;
            default:
                return EMPLOYERS_CHANNEL;
        }
    }

    /** Before API 33 notifications need no permission; from 33 on the person grants it at runtime. */
    static boolean allowed(Context context) {
        return Build.VERSION.SDK_INT < 33
                || context.checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS) == PackageManager.PERMISSION_GRANTED;
    }
}
