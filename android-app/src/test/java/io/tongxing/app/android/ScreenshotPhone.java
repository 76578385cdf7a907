package io.tongxing.app.android;

import android.app.Activity;
import android.graphics.Bitmap;
import android.graphics.Canvas;
import android.view.View;
import io.tongxing.app.model.resident.PassRecord;
import io.tongxing.app.model.resident.ResidentSnapshot;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.token.Colour;
import io.tongxing.token.PassModel;
import io.tongxing.token.RegionCode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A phone as a resident and an officer have it on the afternoon of 2026-11-22 at Tongzhou (test data, no
 * server): a green code bound to this phone, a valid commuter pass, a suspended one and a waiting
 * application, and a checkpoint enrolled and synced ten minutes ago.
 */
final class ScreenshotPhone {
    final PhoneUnderTest phone;

    ScreenshotPhone() throws Exception {
        phone = PhoneUnderTest.offline(TongzhouCheckpoint.NOW);
        AppGraph graph = phone.graph;
        List<PassRecord> passes = Arrays.asList(
                PassRecord.issued("commute", TongzhouCheckpoint.commuterPass(42, Optional.of(graph.holderKeys.holderKey()))),
                new PassRecord("suspended", PassRecord.Status.SUSPENDED,
                        Optional.of(TongzhouCheckpoint.commuterPass(43, Optional.empty())), Optional.empty(),
                        List.of(), Optional.of(graph.words.chinese() ? "健康码非绿码，通行证暂停使用"
                                : "Health code not green: pass suspended"), Optional.empty()),
                new PassRecord("pending", PassRecord.Status.PENDING, Optional.empty(),
                        Optional.of(PassModel.WORK_COMMUTE), Arrays.asList(RegionCode.of("110112"), RegionCode.of("131082")),
                        Optional.empty(), Optional.of(TongzhouCheckpoint.NOW.minus(Duration.ofDays(1)))));
        graph.vault.save(new ResidentSnapshot(Optional.of(TongzhouCheckpoint.healthCode(Colour.GREEN, 42,
                Optional.of(graph.holderKeys.holderKey()))), passes, TongzhouCheckpoint.NOW.minus(Duration.ofMinutes(10))));
        graph.deviceKeys.newKey();
        graph.device().enroll(TongzhouCheckpoint.enrollment());
        graph.device().apply(TongzhouCheckpoint.download());
    }

    /** Draws the whole window (title bar included) as the person sees it and writes {@code name}.png. */
    static Bitmap photograph(Activity screen, String name) throws IOException {
        ViewTree.settle();
        View decor = screen.getWindow().getDecorView();
        Bitmap bitmap = Bitmap.createBitmap(decor.getWidth(), decor.getHeight(), Bitmap.Config.ARGB_8888);
        decor.draw(new Canvas(bitmap));
        Path dir = Paths.get(System.getProperty("tongxing.screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        try (OutputStream out = new FileOutputStream(dir.resolve(name + ".png").toFile())) {
            bitmap.compress(Bitmap.CompressFormat.PNG, 100, out);
        }
        return bitmap;
    }
}
