package io.tongxing.bench;

import io.tongxing.holder.HolderProof;
import io.tongxing.jose.SigningKey;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrCode;
import io.tongxing.qr.QrScanner;
import io.tongxing.qr.QrText;
import io.tongxing.status.StatusListToken;
import io.tongxing.testing.CameraFrames;
import io.tongxing.testing.Credentials;
import io.tongxing.testing.Scenario;
import io.tongxing.testing.TestKeys;
import io.tongxing.token.Colour;
import io.tongxing.token.HealthCode;
import io.tongxing.token.HolderKey;
import io.tongxing.token.StatusReference;
import io.tongxing.token.TokenSigner;
import io.tongxing.trust.TrustBundle;
import io.tongxing.trust.TrustStore;
import io.tongxing.verify.OfflineVerifier;
import io.tongxing.verify.Outcome;
import io.tongxing.verify.StatusLists;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The offline core's figures, each printed beside the reference it is judged against, measured in
 * the same run (performance.md). Run with
 * {@code mvn -B -q -pl shared -Pbench -DskipTests verify}; results go to docs/benchmarks.md.
 */
public final class SharedBench {
    private static final Instant NOW = Scenario.NOW;

    public static void main(String[] args) throws Exception {
        System.out.println("== Tongxing offline core benchmark, Java " + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores");
        Optional<Provider> conscrypt = conscrypt();
        String name = conscrypt.map(Provider::getName).orElse("JDK default (SunEC)");

        // Paired rounds: in each, OpenSSL and then our code, one second each, and the ratio of the
        // two. A shared machine's load shifts a round's pair alike; the median ratio is reported.
        TokenSigner signer = TokenSigner.create(SigningKey.of(TestKeys.jwk("beijing-2026a"), conscrypt.orElse(null)));
        HealthCode code = Credentials.healthCode(Colour.GREEN, NOW, new StatusReference(1, 42));
        Runnable sign = () -> signer.sign(code);
        Runnable verify = verifyOperation(conscrypt.orElse(null));
        Measure.rate(sign, 3, 1, 1);
        Measure.rate(verify, 3, 1, 1);
        int rounds = 7;
        double[] signRatios = new double[rounds];
        double[] verifyRatios = new double[rounds];
        double[] signRates = new double[rounds];
        double[] verifyRates = new double[rounds];
        double[] opensslSign = new double[rounds];
        double[] opensslVerify = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            Optional<OpenSslSpeed> reference = OpenSslSpeed.measure(1);
            if (!reference.isPresent()) {
                System.out.println("reference  openssl not available: ratios not computed");
                System.out.printf("sign       %-22s %s%nverify     %-22s %s%n", name, Measure.rate(sign, 0, 5, 1),
                        name, Measure.rate(verify, 0, 5, 1));
                break;
            }
            signRates[round] = Measure.rate(sign, 0, 1, 1).median();
            verifyRates[round] = Measure.rate(verify, 0, 1, 1).median();
            opensslSign[round] = reference.get().signPerSecond;
            opensslVerify[round] = reference.get().verifyPerSecond;
            signRatios[round] = signRates[round] / opensslSign[round];
            verifyRatios[round] = verifyRates[round] / opensslVerify[round];
            if (round == rounds - 1) {
                System.out.printf("reference  %s speed ecdsap256, one core, median of %d rounds: sign %,.0f/s, verify %,.0f/s%n",
                        reference.get().version, rounds, median(opensslSign), median(opensslVerify));
                System.out.printf("sign       %-22s health code token: %,.0f/s = %.2f x OpenSSL (rounds %.2f..%.2f; target >= 0.5: %s)%n",
                        name, median(signRates), median(signRatios), min(signRatios), max(signRatios),
                        median(signRatios) >= 0.5 ? "met" : "MISSED");
                System.out.printf("verify     %-22s QR text to PASS, whole pipeline: %,.0f/s = %.2f x OpenSSL (rounds %.2f..%.2f; target >= 0.9: %s)%n",
                        name, median(verifyRates), median(verifyRatios), min(verifyRatios), max(verifyRatios),
                        median(verifyRatios) >= 0.9 ? "met" : "MISSED");
            }
        }
        if (conscrypt.isPresent()) {
            TokenSigner sunEc = TokenSigner.create(SigningKey.of(TestKeys.jwk("beijing-2026a")));
            HealthCode fallbackCode = Credentials.healthCode(Colour.GREEN, NOW, new StatusReference(1, 42));
            System.out.printf("fallback   JDK default (SunEC), no target: sign %s, verify %s%n",
                    Measure.rate(() -> sunEc.sign(fallbackCode), 2, 3, 1), Measure.rate(verifyOperation(null), 2, 3, 1));
        }
        qrSizes();
        scanAndVerify(conscrypt.orElse(null));
    }

    private static Runnable verifyOperation(Provider provider) throws Exception {
        OfflineVerifier verifier = verifier(provider, Scenario.policy());
        String qr = QrText.encode(Presentation.of(TokenSigner.create(TestKeys.signing("beijing-2026a"))
                .sign(Credentials.healthCode(Colour.GREEN, NOW.minusSeconds(600), new StatusReference(1, 42)))));
        if (verifier.verify(qr).outcome() != Outcome.PASS) {
            throw new IllegalStateException("the benchmark's code must pass");
        }
        return () -> verifier.verify(qr);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).max().orElse(0);
    }

    private static void qrSizes() throws Exception {
        StatusReference far = new StatusReference(9_999, 1_048_575);
        TokenSigner beijing = TokenSigner.create(TestKeys.signing("beijing-2026a"));
        TokenSigner langfang = TokenSigner.create(TestKeys.signing("langfang-2026a"));
        HolderKey holder = HolderKey.of(TestKeys.publicKey("holder-phone-1"));
        printSize("health code", beijing.sign(Credentials.healthCode(Colour.GREEN, NOW, far)), null, 11);
        printSize("commuter pass (2 regions)", langfang.sign(Credentials.commuterPass(NOW, far)), null, 13);
        printSize("freight pass (4 regions, plate)",
                langfang.sign(Credentials.freightPass(NOW, far, Optional.empty())), null, 13);
        String boundCode = beijing.sign(Credentials.boundHealthCode(NOW, far, holder));
        printSize("health code + holder proof", boundCode, proof(boundCode), 15);
        String boundPass = langfang.sign(Credentials.boundCommuterPass(NOW, far, holder));
        printSize("commuter pass + holder proof", boundPass, proof(boundPass), 15);
        String boundFreight = langfang.sign(Credentials.freightPass(NOW, far, Optional.of(holder)));
        printSize("freight pass + holder proof", boundFreight, proof(boundFreight), 15);
    }

    private static void scanAndVerify(Provider provider) throws Exception {
        OfflineVerifier verifier = verifier(provider, Scenario.policy().toBuilder().passRequired().build());
        String qr = QrText.encode(Presentation.of(TokenSigner.create(TestKeys.signing("langfang-2026a"))
                .sign(Credentials.freightPass(NOW.minus(Duration.ofDays(1)), new StatusReference(4, 43), Optional.empty()))));
        QrCode code = QrCode.encode(qr);
        byte[] frame = CameraFrames.noisyFrame(code, 1280, 720, 5, 1);
        QrScanner scanner = new QrScanner();
        Runnable scan = () -> {
            String text = scanner.scanLuminance(frame, 1280, 720).orElseThrow();
            if (verifier.verify(text).outcome() != Outcome.PASS) {
                throw new IllegalStateException("the scanned pass must pass");
            }
        };
        Measure.Latency latency = Measure.latency(scan, 100, 300);
        System.out.printf("scan       noisy 1280x720 frame, version-%d pass, decode + verify: %s (target <= 10 ms median: %s)%n",
                code.version(), latency, latency.median() <= 10 ? "met" : "MISSED");
    }

    private static OfflineVerifier verifier(Provider provider, io.tongxing.verify.CheckpointPolicy policy) throws Exception {
        TrustStore trust = TrustBundle.verify(Scenario.trustBundle(), Scenario.pinnedTrustKeys(), provider);
        List<io.tongxing.status.VerifiedStatusList> lists = new ArrayList<>();
        for (String token : Scenario.statusListTokens()) {
            lists.add(StatusListToken.verify(token, trust, provider));
        }
        return OfflineVerifier.builder(trust, policy).provider(provider).statusLists(StatusLists.of(lists))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    private static HolderProof proof(String token) throws Exception {
        return HolderProof.create(token, NOW, TestKeys.holder("holder-phone-1"));
    }

    private static void printSize(String what, String token, HolderProof proof, int target) {
        String text = QrText.encode(proof == null ? Presentation.of(token) : Presentation.of(token, proof));
        int version = QrCode.encode(text).version();
        System.out.printf("qr size    %-32s JWS %3d chars, QR text %4d chars: version %2d at M (target <= %d: %s)%n",
                what, token.length(), text.length(), version, target, version <= target ? "met" : "MISSED");
    }

    /** Conscrypt where its native library loads, else nothing (and a line saying so). */
    private static Optional<Provider> conscrypt() {
        try {
            Provider provider = (Provider) Class.forName("org.conscrypt.Conscrypt").getMethod("newProvider").invoke(null);
            return Optional.of(provider);
        } catch (ReflectiveOperationException | LinkageError e) {
            System.out.println("provider   Conscrypt did not load (" + e + "): measuring the JDK's SunEC instead");
            return Optional.empty();
        }
    }
}
