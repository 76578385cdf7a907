package io.tongxing.app.android;

import android.content.Context;
import android.content.SharedPreferences;
import android.content.pm.ApplicationInfo;
import android.content.pm.PackageManager;
import android.util.Log;
import io.tongxing.app.model.account.AccountScreen;
import io.tongxing.app.model.checkpoint.BackgroundSync;
import io.tongxing.app.model.checkpoint.CheckpointDevice;
import io.tongxing.app.model.checkpoint.SyncRound;
import io.tongxing.app.model.resident.ResidentSync;
import io.tongxing.app.model.resident.ResidentVault;
import io.tongxing.app.platform.DeviceKeyStore;
import io.tongxing.app.platform.HolderKeyStore;
import io.tongxing.app.platform.SecureStore;
import io.tongxing.app.platform.Ticker;
import io.tongxing.app.scanlog.ScanLog;
import io.tongxing.app.scanlog.ScanLogUpload;
import io.tongxing.app.server.http.AccountSession;
import io.tongxing.app.server.http.ApiClient;
import io.tongxing.app.server.http.HttpDeviceApi;
import io.tongxing.app.server.http.HttpEnrollment;
import io.tongxing.app.server.http.HttpResidentApi;
import io.tongxing.app.server.http.UrlConnectionTransport;
import io.tongxing.app.storage.EncryptedFileStore;
import io.tongxing.app.text.Localizer;
import java.io.File;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The app's services, wired once per process: the Android implementations of the platform seams and the
 * HTTP clients of the home server at {@link #serverUrl}.
 */
final class AppGraph {
    /** The manifest's default server; {@code MainActivity} can replace it (see docs/android.md). */
    static final String SERVER_META_DATA = "io.tongxing.server";
    private static final String PREFERENCES = "tongxing";
    private static final String TAG = "tongxing";

    final Clock clock = Clock.systemDefaultZone();
    final Localizer words;
    final Ticker ticker = new MainThreadTicker();
    final ExecutorService background = Executors.newSingleThreadExecutor();
    final SecureStore store;
    final HolderKeyStore holderKeys = new KeystoreHolderKeys();
    final DeviceKeyStore deviceKeys = new KeystoreDeviceKeys();
    final ResidentVault vault;
    final SecureRandom random = new SecureRandom();
    final String serverUrl;
    final AccountSession resident;
    final AccountSession officer;
    final HttpResidentApi residentApi;
    private final ApiClient api;
    private final Context context;
    private CheckpointDevice device;
    private HttpDeviceApi deviceApi;
    private ScanLog scanLog;
    private BackgroundSync backgroundSync;

    AppGraph(Context context) {
        this.context = context.getApplicationContext();
        this.words = new AndroidLocalizer(context);
        this.store = new EncryptedFileStore(new File(context.getNoBackupFilesDir(), "sealed"), new KeystoreStorageKey());
        this.vault = new ResidentVault(store);
        this.serverUrl = serverUrl(this.context);
        this.api = new ApiClient(UrlConnectionTransport.to(serverUrl), Locale::getDefault);
        this.resident = new AccountSession(api, store, "resident-session", words);
        this.officer = new AccountSession(api, store, "officer-session", words);
        this.residentApi = new HttpResidentApi(resident, clock);
    }

    /** The server chosen on this phone, else the one the manifest names. */
    private static String serverUrl(Context context) {
        String chosen = context.getSharedPreferences(PREFERENCES, Context.MODE_PRIVATE).getString("server", null);
        if (chosen != null) {
            return chosen;
        }
        try {
            ApplicationInfo info = context.getPackageManager().getApplicationInfo(context.getPackageName(),
                    PackageManager.GET_META_DATA);
            return info.metaData.getString(SERVER_META_DATA);
        } catch (PackageManager.NameNotFoundException e) {
            throw new IllegalStateException("the app cannot read its own manifest", e);
        }
    }

    /** Remembers another server address; takes effect at the next start of the app. */
    static void chooseServer(Context context, String url) {
        UrlConnectionTransport.to(url); // refuses anything but http(s) now, not at the next start
        SharedPreferences preferences = context.getSharedPreferences(PREFERENCES, Context.MODE_PRIVATE);
        preferences.edit().putString("server", url).apply();
    }

    /** The checkpoint device, loaded from the store on first use (the platform's JCA provider verifies). */
    synchronized CheckpointDevice device() {
        if (device == null) {
            device = new CheckpointDevice(store, clock, null);
            // Stored data that does not read or verify is set aside; the banner says so until the next sync.
            device.load();
            device.storedDataProblem().ifPresent(problem -> Log.w(TAG, problem));
        }
        return device;
    }

    ResidentSync residentSync() {
        return new ResidentSync(residentApi, vault, holderKeys, clock);
    }

    AccountScreen accountScreen() {
        return new AccountScreen(serverUrl, resident, officer, residentSync(), vault, enrollment(), device(), words,
                background);
    }

    synchronized HttpDeviceApi deviceApi() {
        if (deviceApi == null) {
            deviceApi = new HttpDeviceApi(api, deviceKeys, device(), clock, random, null);
        }
        return deviceApi;
    }

    HttpEnrollment enrollment() {
        return new HttpEnrollment(officer, deviceKeys, clock, random, () -> scanLog().lastSequence() + 1);
    }

    synchronized ScanLog scanLog() {
        if (scanLog == null) {
            scanLog = ScanLog.open(AndroidSqlDatabase.open(context.getDatabasePath("scan-log.db")));
        }
        return scanLog;
    }

    ScanLogUpload upload() {
        return new ScanLogUpload(scanLog(), deviceApi(), 100);
    }

    SyncRound syncRound() {
        return new SyncRound(device(), deviceApi(), upload());
    }

    /** The one gate for sync rounds, shared by the checkpoint screen and {@link CheckpointSyncJob}. */
    synchronized BackgroundSync backgroundSync() {
        if (backgroundSync == null) {
            backgroundSync = new BackgroundSync(device(), this::syncRound);
        }
        return backgroundSync;
    }
}
