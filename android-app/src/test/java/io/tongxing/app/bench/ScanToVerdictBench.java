package io.tongxing.app.bench;

import io.tongxing.app.model.checkpoint.CheckpointDevice;
import io.tongxing.app.model.checkpoint.ScanLoop;
import io.tongxing.app.scanlog.ScanLog;
import io.tongxing.app.testing.JdbcSqlDatabase;
import io.tongxing.app.testing.ManualTicker;
import io.tongxing.app.testing.MemorySecureStore;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.NoisyFrames;
import io.tongxing.app.testing.RecordingFeedback;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrCode;
import io.tongxing.qr.QrScanner;
import io.tongxing.qr.QrText;
import io.tongxing.verify.OfflineVerifier;
import io.tongxing.verify.Outcome;
import io.tongxing.verify.Reason;
import io.tongxing.verify.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.Provider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scan-to-verdict time on the JVM: a noisy 1280 × 720 luminance frame holding the largest pass there is
 * (a version-13 freight pass) through the checkpoint's scan loop — QR decode, offline verification, the
 * scan-log write to a real SQLite file with synchronous=FULL, the verdict screen — measured per scan, with
 * each stage also timed alone in the same run. Then the APK's size.
 *
 * <pre>mvn -B -q -pl android-app -am -Pandroid-bench -DskipTests verify</pre>
 */
public final class ScanToVerdictBench {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;
    private static final int WARM_UP = 150;
    private static final int SCANS = 400;

    private ScanToVerdictBench() {
    }

    public static void main(String[] args) throws Exception {
        Path apk = Paths.get(args.length > 0 ? args[0] : "android-app/target/tongxing.apk");
        Path work = Files.createTempDirectory("scan-bench");
        String text = QrText.encode(Presentation.of(TongzhouCheckpoint.freightPass(77)));
        QrCode code = QrCode.encode(text);
        // Like a real camera, some noisy frames do not decode; the figure is for frames that do.
        List<byte[]> frames = new ArrayList<>();
        QrScanner probe = new QrScanner();
        int tried = 0;
        for (long seed = 0; frames.size() < 8; seed++, tried++) {
            byte[] frame = NoisyFrames.frame(code, WIDTH, HEIGHT, 6, seed);
            if (probe.scanLuminance(frame, WIDTH, HEIGHT).isPresent()) {
                frames.add(frame);
            }
        }
        System.out.printf(Locale.ROOT, "Scan to verdict, %d x %d luminance frame, QR version %d (%d characters), "
                + "%d scans after %d warm-up, one thread; %d of %d generated frames decoded%n", WIDTH, HEIGHT,
                code.version(), text.length(), SCANS, WARM_UP, frames.size(), tried);
        System.out.printf(Locale.ROOT, "Java %s, %s, %d cores%n", System.getProperty("java.version"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());

        Provider conscrypt = conscrypt();
        run("JDK default provider (SunEC)", null, frames, text, work.resolve("sunec"));
        if (conscrypt != null) {
            run("Conscrypt (BoringSSL, as Android's own provider)", conscrypt, frames, text, work.resolve("conscrypt"));
        }

        if (Files.isRegularFile(apk)) {
            System.out.printf(Locale.ROOT, "APK %s: %,d bytes (%.2f MiB)%n", apk, Files.size(apk),
                    Files.size(apk) / 1048576.0);
        } else {
            System.out.println("APK " + apk + ": not built on this machine (aapt missing?)");
        }
    }

    private static void run(String label, Provider provider, List<byte[]> frames, String text, Path dir)
            throws Exception {
        Files.createDirectories(dir);
        MutableClock clock = new MutableClock(TongzhouCheckpoint.NOW);
        CheckpointDevice device = new CheckpointDevice(new MemorySecureStore(), clock, provider);
        device.enroll(TongzhouCheckpoint.enrollment());
        device.apply(TongzhouCheckpoint.download());
        ScanLog log = ScanLog.open(new JdbcSqlDatabase(dir.resolve("scan-log.db")));
        // No repeat suppression: the benchmark shows the same code again and again on purpose.
        ScanLoop loop = new ScanLoop(device, log, clock, new ManualTicker(clock), new RecordingFeedback(),
                XmlLocalizer.inEnglish(), new ScanLoop.Timing(Duration.ofSeconds(3), Duration.ofSeconds(8), Duration.ZERO));

        long[] whole = new long[SCANS];
        for (int i = -WARM_UP; i < SCANS; i++) {
            byte[] frame = frames.get(Math.floorMod(i, frames.size()));
            long start = System.nanoTime();
            loop.onFrame(frame, WIDTH, HEIGHT);
            long took = System.nanoTime() - start;
            if (loop.state().mode() != ScanLoop.Mode.VERDICT || loop.state().verdict().get().outcome() != Outcome.PASS) {
                throw new IllegalStateException("scan " + i + " gave " + loop.state().mode());
            }
            loop.onVerdictTapped();
            if (i >= 0) {
                whole[i] = took;
            }
        }

        QrScanner scanner = new QrScanner();
        OfflineVerifier verifier = device.verifier().get();
        long[] decode = new long[SCANS];
        long[] verify = new long[SCANS];
        long[] write = new long[SCANS];
        Verdict verdict = null;
        for (int i = -WARM_UP; i < SCANS; i++) {
            byte[] frame = frames.get(Math.floorMod(i, frames.size()));
            long t0 = System.nanoTime();
            String scanned = scanner.scanLuminance(frame, WIDTH, HEIGHT).get();
            long t1 = System.nanoTime();
            verdict = verifier.verify(scanned);
            long t2 = System.nanoTime();
            log.append(TongzhouCheckpoint.CHECKPOINT, verdict);
            long t3 = System.nanoTime();
            if (i >= 0) {
                decode[i] = t1 - t0;
                verify[i] = t2 - t1;
                write[i] = t3 - t2;
            }
        }
        if (verdict.reason() != Reason.ACCEPTED || log.lastSequence() != 2L * (WARM_UP + SCANS)) {
            throw new IllegalStateException("unexpected " + verdict.reason() + " / " + log.lastSequence());
        }
        log.close();

        System.out.println();
        System.out.println(label);
        print("  scan to verdict (decode + verify + log write + verdict screen)", whole);
        print("  QR decode alone (zxing, 720 x 720 viewfinder square)", decode);
        print("  offline verification alone", verify);
        print("  scan-log write alone (SQLite file, synchronous=FULL)", write);
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-68s median %6.2f ms   p10 %6.2f   p90 %6.2f   max %7.2f%n", what,
                ms(sorted[sorted.length / 2]), ms(sorted[sorted.length / 10]), ms(sorted[sorted.length * 9 / 10]),
                ms(sorted[sorted.length - 1]));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static Provider conscrypt() {
        try {
            return org.conscrypt.Conscrypt.newProvider();
        } catch (Throwable e) {
            System.out.println("Conscrypt could not load here (" + e + "); measuring the JDK provider only");
            return null;
        }
    }
}
