package io.tongxing.app.android;

import android.content.Context;
import android.content.pm.ApplicationInfo;
import android.content.pm.PackageManager;
import android.util.Log;
import io.tongxing.app.model.account.AccountScreen;
import io.tongxing.app.model.checkpoint.BackgroundSync;
import io.tongxing.app.model.checkpoint.CheckpointDevice;
import io.tongxing.app.model.checkpoint.SyncRound;
import io.tongxing.app.model.employer.EmployersSync;
import io.tongxing.app.model.employer.EmployersVault;
import io.tongxing.app.model.family.FamilySync;
import io.tongxing.app.model.family.FamilyVault;
import io.tongxing.app.model.resident.CountyDirectory;
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
import io.tongxing.app.server.http.HttpEmployerApi;
import io.tongxing.app.server.http.HttpEnrollment;
import io.tongxing.app.server.http.HttpFamilyApi;
import io.tongxing.app.server.http.HttpResidentApi;
import io.tongxing.app.server.http.UrlConnectionTransport;
import io.tongxing.app.storage.EncryptedFileStore;
import io.tongxing.app.text.AppLanguage;
import io.tongxing.app.text.Localizer;
import java.io.File;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The app's services, wired once per process: the Android implementations of the platform seams and the
 * HTTP clients of the home server. The server is the build's (the manifest's meta-data) unless the person
 * confirmed another on screen, seeing its trust key's thumbprint ({@link ServerActivity}); nothing from
 * outside the app can change it.
 */
final class AppGraph {
    /** The manifest's meta-data naming the build's server. */
    static final String SERVER_META_DATA = "io.tongxing.server";
    private static final String TAG = "tongxing";

    final Clock clock;
    final Ticker ticker;
    final Executor background;
    final PhoneSettings settings;
    final AndroidLocalizer words;
    final SecureStore store;
    final HolderKeyStore holderKeys = new KeystoreSigningKey(KeystoreSigningKey.HOLDER);
    final DeviceKeyStore deviceKeys = new KeystoreSigningKey(KeystoreSigningKey.DEVICE);
    final ResidentVault vault;
    final FamilyVault family;
    final EmployersVault employers;
    final SecureRandom random = new SecureRandom();
    private final Context context;
    private Connection connection;
    private CheckpointDevice device;
    private ScanLog scanLog;
    private BackgroundSync backgroundSync;
    private CountyDirectory counties;

    /** The clients of one server; replaced whole when the person confirms another. */
    private record Connection(String serverUrl, ApiClient api, AccountSession resident, AccountSession officer,
            HttpResidentApi residentApi, HttpFamilyApi familyApi, HttpEmployerApi employerApi,
            HttpDeviceApi[] deviceApi) {
    }

    /** The phone's own: the system clock, the main looper, one background thread. */
    static AppGraph forPhone(Context context) {
        return new AppGraph(context, Clock.systemDefaultZone(), new MainThreadTicker(),
                Executors.newSingleThreadExecutor());
    }

    AppGraph(Context context, Clock clock, Ticker ticker, Executor background) {
        this.context = context.getApplicationContext();
        this.clock = clock;
        this.ticker = ticker;
        this.background = background;
        this.settings = new PhoneSettings(this.context);
        this.words = new AndroidLocalizer(Languages.apply(this.context, settings.language()), clock.getZone(),
                this::counties);
        this.store = new EncryptedFileStore(new File(this.context.getNoBackupFilesDir(), "sealed"),
                new KeystoreStorageKey());
        // The family's list and codes and who lists the resident as an employee belong to the resident's session
        // and are forgotten with it, and so are the paper cards lent to other apps.
        this.vault = new ResidentVault(store, Arrays.asList(FamilyVault.NAME, EmployersVault.NAME));
        this.family = new FamilyVault(store);
        this.employers = new EmployersVault(store);
        this.vault.whenCleared(() -> PaperCardFiles.deleteAll(this.context));
        this.connection = connect(settings.confirmedServer().orElse(buildServer(this.context)));
    }

    private Connection connect(String serverUrl) {
        ApiClient api = new ApiClient(UrlConnectionTransport.to(serverUrl),
                () -> words.chinese() ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH);
        AccountSession resident = new AccountSession(api, store, "resident-session", words);
        AccountSession officer = new AccountSession(api, store, "officer-session", words);
        return new Connection(serverUrl, api, resident, officer, new HttpResidentApi(resident, clock),
                new HttpFamilyApi(resident, clock), new HttpEmployerApi(resident, clock), new HttpDeviceApi[1]);
    }

    /** The server this build was made for. */
    static String buildServer(Context context) {
        try {
            ApplicationInfo info = context.getPackageManager().getApplicationInfo(context.getPackageName(),
                    PackageManager.GET_META_DATA);
            return info.metaData.getString(SERVER_META_DATA);
        } catch (PackageManager.NameNotFoundException e) {
            throw new IllegalStateException("the app cannot read its own manifest", e);
        }
    }

    synchronized String serverUrl() {
        return connection.serverUrl();
    }

    synchronized AccountSession resident() {
        return connection.resident();
    }

    synchronized AccountSession officer() {
        return connection.officer();
    }

    synchronized HttpResidentApi residentApi() {
        return connection.residentApi();
    }

    /**
     * Talks to {@code url} from now on, as the person confirmed. The sessions of the old server are dropped
     * first (its tokens must never reach another server) and the resident's codes with them.
     */
    synchronized void useServer(String url) throws java.io.IOException {
        connection.resident().forget();
        connection.officer().forget();
        vault.clear();
        settings.confirmServer(url);
        connection = connect(url);
    }

    /** Speaks {@code language} from now on (screens already open are recreated by their Activity). */
    void useLanguage(AppLanguage language) {
        settings.language(language);
        words.use(Languages.apply(context, language));
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

    /** The GB/T 2260 list the check-in form picks counties from ({@code res/raw/gbt2260.txt}), read once. */
    synchronized CountyDirectory counties() {
        if (counties == null) {
            int id = context.getResources().getIdentifier("gbt2260", "raw", context.getPackageName());
            try (java.io.InputStream in = context.getResources().openRawResource(id)) {
                counties = CountyDirectory.read(in);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("the app's own county list does not read", e);
            }
        }
        return counties;
    }

    /** The family endpoints, for the logged-in resident. */
    synchronized HttpFamilyApi familyApi() {
        return connection.familyApi();
    }

    /** Who lists the resident as an employee, for the logged-in resident. */
    synchronized HttpEmployerApi employerApi() {
        return connection.employerApi();
    }

    EmployersSync employersSync() {
        return new EmployersSync(employerApi(), employers);
    }

    FamilySync familySync() {
        return new FamilySync(familyApi(), family, clock);
    }

    ResidentSync residentSync() {
        return new ResidentSync(residentApi(), vault, holderKeys, clock);
    }

    AccountScreen accountScreen() {
        return new AccountScreen(serverUrl(), resident(), officer(), residentSync(), vault, enrollment(), device(),
                words, background);
    }

    synchronized HttpDeviceApi deviceApi() {
        HttpDeviceApi[] holder = connection.deviceApi();
        if (holder[0] == null) {
            holder[0] = new HttpDeviceApi(connection.api(), deviceKeys, device(), clock, random, null);
        }
        return holder[0];
    }

    HttpEnrollment enrollment() {
        return new HttpEnrollment(officer(), deviceKeys, clock, random, () -> scanLog().lastSequence() + 1);
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
