package io.tongxing.app.android;

import android.content.Context;
import io.tongxing.app.model.checkpoint.CheckpointDevice;
import io.tongxing.app.model.resident.ResidentVault;
import io.tongxing.app.platform.HolderKeyStore;
import io.tongxing.app.platform.SecureStore;
import io.tongxing.app.platform.Ticker;
import io.tongxing.app.scanlog.ScanLog;
import io.tongxing.app.scanlog.ScanLogUpload;
import io.tongxing.app.server.NotConnected;
import io.tongxing.app.storage.EncryptedFileStore;
import io.tongxing.app.text.Localizer;
import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The app's services, wired once per process: the Android implementations of the platform seams and,
 * until the server's HTTP API exists, {@link NotConnected} for every server seam.
 */
final class AppGraph {
    final Clock clock = Clock.systemDefaultZone();
    final Localizer words;
    final Ticker ticker = new MainThreadTicker();
    final ExecutorService background = Executors.newSingleThreadExecutor();
    final SecureStore store;
    final HolderKeyStore holderKeys = new KeystoreHolderKeys();
    final ResidentVault vault;
    final NotConnected server = new NotConnected();
    private final Context context;
    private CheckpointDevice device;
    private ScanLog scanLog;

    AppGraph(Context context) {
        this.context = context.getApplicationContext();
        this.words = new AndroidLocalizer(context);
        this.store = new EncryptedFileStore(new File(context.getNoBackupFilesDir(), "sealed"), new KeystoreStorageKey());
        this.vault = new ResidentVault(store);
    }

    /** The checkpoint device, loaded from the store on first use (the platform's JCA provider verifies). */
    synchronized CheckpointDevice device() {
        if (device == null) {
            device = new CheckpointDevice(store, clock, null);
            try {
                device.load();
            } catch (IOException e) {
                // Unreadable stored data: the device starts unsynced and says so in its banner.
            }
        }
        return device;
    }

    synchronized ScanLog scanLog() {
        if (scanLog == null) {
            scanLog = ScanLog.open(AndroidSqlDatabase.open(context.getDatabasePath("scan-log.db")));
        }
        return scanLog;
    }

    ScanLogUpload upload() {
        return new ScanLogUpload(scanLog(), server, 100);
    }
}
