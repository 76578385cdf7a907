package io.tongxing.app.model.checkpoint;

import static io.tongxing.app.testing.TongzhouCheckpoint.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tongxing.app.model.Icon;
import io.tongxing.app.model.Signal;
import io.tongxing.app.server.CheckpointDownload;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.app.testing.XmlLocalizer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The banner tells the officer how old the data is, before and after verdicts turn to REVIEW. */
class DataBannerTest {
    private final MutableClock clock = new MutableClock(NOW);
    private final XmlLocalizer english = XmlLocalizer.inEnglish();

    @Test
    void freshDataIsGreenAndSaysHowOldItIs() {
        DataBanner banner = banner(TongzhouCheckpoint.syncedDevice(clock), 0);

        assertEquals(Signal.GREEN, banner.signal().background());
        assertEquals(Icon.CHECK, banner.signal().icon());
        assertEquals("Data updated 10 min ago", banner.signal().words());
        assertEquals(Optional.empty(), banner.unsent());
    }

    @Test
    void pastHalfTheAllowedAgeItWarnsToSyncSoon() {
        CheckpointDevice device = TongzhouCheckpoint.syncedDevice(clock);
        clock.advance(Duration.ofHours(4));

        DataBanner banner = banner(device, 0);

        assertEquals(Icon.WARNING, banner.signal().icon());
        assertEquals("Data updated 4 h ago: sync soon", banner.signal().words());
    }

    @Test
    void pastTheAllowedAgeItSaysVerdictsWillBeReview() {
        CheckpointDevice device = TongzhouCheckpoint.syncedDevice(clock);
        clock.advance(Duration.ofHours(7));

        DataBanner banner = banner(device, 0);

        assertEquals(Icon.QUESTION, banner.signal().icon());
        assertEquals("Data too old (updated 7 h ago): verdicts say REVIEW until you sync", banner.signal().words());
    }

    @Test
    void aClockBehindTheLastSyncIsNamed() throws Exception {
        CheckpointDevice device = TongzhouCheckpoint.syncedDevice(clock);
        CheckpointDownload download = TongzhouCheckpoint.download();
        device.apply(TongzhouCheckpoint.download(download.trustBundle(), download.statusLists(),
                NOW.plus(Duration.ofDays(1))));

        assertEquals("Device clock is behind the last sync: check the time", banner(device, 0).signal().words());
    }

    @Test
    void anExpiredBundleSaysSync() {
        CheckpointDevice device = TongzhouCheckpoint.syncedDevice(clock);
        clock.advance(Duration.ofDays(8));

        assertEquals("Trust data expired: sync the device", banner(device, 0).signal().words());
    }

    @Test
    void neverSyncedSaysItCannotVerifyAndCountsUnsentScansInChinese() {
        DataBanner banner = DataBanner.of(Optional.empty(), NOW, 3, XmlLocalizer.inChinese());

        assertEquals("未同步：本机暂不能核验。", banner.signal().words());
        assertEquals(Optional.of("3 条扫码记录待上传"), banner.unsent());
    }

    private DataBanner banner(CheckpointDevice device, long unsent) {
        return DataBanner.of(device.state(), clock.instant(), unsent, english);
    }
}
