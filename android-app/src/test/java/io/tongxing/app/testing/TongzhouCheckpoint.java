package io.tongxing.app.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.tongxing.app.model.checkpoint.CheckpointDevice;
import io.tongxing.app.model.checkpoint.SyncResult;
import io.tongxing.app.server.CheckpointDownload;
import io.tongxing.app.server.Enrollment;
import io.tongxing.jose.CompactJws;
import io.tongxing.jose.JwsRejectedException;
import io.tongxing.jose.SigningKey;
import io.tongxing.status.StatusList;
import io.tongxing.status.StatusListToken;
import io.tongxing.status.TokenStatus;
import io.tongxing.sync.CheckpointSync;
import io.tongxing.sync.IdCheckAnswer;
import io.tongxing.token.Colour;
import io.tongxing.token.CommuterPass;
import io.tongxing.token.HealthCode;
import io.tongxing.token.HolderKey;
import io.tongxing.token.PaperCard;
import io.tongxing.token.PassModel;
import io.tongxing.token.RegionCode;
import io.tongxing.token.StatusReference;
import io.tongxing.token.TokenKind;
import io.tongxing.token.TokenSigner;
import io.tongxing.trust.Issuer;
import io.tongxing.trust.IssuerKey;
import io.tongxing.trust.Recognition;
import io.tongxing.trust.TrustBundle;
import io.tongxing.trust.TrustStore;
import io.tongxing.verify.CheckpointPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Beijing checkpoint at Tongzhou (110112) on the Beijing–Langfang corridor, on the morning of
 * 2026-11-22, with keys made for this test run: Beijing's trust key (pinned at enrollment), Beijing's and
 * Langfang's token-signing keys, and a rogue key nobody trusts. Status lists: entry 9 revoked, 10 suspended.
 */
public final class TongzhouCheckpoint {
    public static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    public static final RegionCode BEIJING = RegionCode.of("110000");
    public static final RegionCode LANGFANG = RegionCode.of("131000");
    public static final RegionCode SHANGHAI = RegionCode.of("310000");
    public static final RegionCode TONGZHOU = RegionCode.of("110112");
    public static final String CORRIDOR = "beijing-langfang";
    public static final String CHECKPOINT = "tongzhou-east-1";
    public static final String ENTERPRISE = "91131000MA0CWXJ46P";
    public static final long LIST = 1;
    public static final long REVOKED = 9;
    public static final long SUSPENDED = 10;
    public static final String DEVICE = "device-0007";
    /** The {@code jti} of the sync request every test sync answers. */
    public static final String NONCE = "sync-request-0001";

    public static final ECKey TRUST_KEY = generate();
    /** Beijing's next trust key, announced in a bundle before the rotation. */
    public static final ECKey NEXT_TRUST_KEY = generate();
    public static final ECKey BEIJING_KEY = generate();
    public static final ECKey LANGFANG_KEY = generate();
    public static final ECKey SHANGHAI_KEY = generate();
    public static final ECKey ROGUE_KEY = generate();

    private TongzhouCheckpoint() {
    }

    public static Enrollment enrollment() {
        return new Enrollment(DEVICE, CHECKPOINT, Collections.singletonList(publicKey(TRUST_KEY)));
    }

    /** The checkpoint's policy: both kinds, green only, route checked, proofs optional. */
    public static CheckpointPolicy policy() {
        return CheckpointPolicy.builder(TONGZHOU).corridor(CORRIDOR).build();
    }

    /** Everything a sync at {@code signedAt} brings: bundle {@code version}, both status lists, the policy. */
    public static CheckpointDownload download(long version, Instant signedAt) {
        return download(bundle(TRUST_KEY, version, signedAt),
                Arrays.asList(statusList(BEIJING, BEIJING_KEY, signedAt), statusList(LANGFANG, LANGFANG_KEY, signedAt)),
                signedAt);
    }

    /** A sync Beijing's trust key signed at {@code serverTime}, naming {@code bundle} and the lists. */
    public static CheckpointDownload download(String bundle, List<String> statusLists, Instant serverTime) {
        return download(TRUST_KEY, policy(), bundle, statusLists, serverTime);
    }

    /** A sync signed by {@code signer} for this device, answering {@link #NONCE}, with {@code policy}. */
    public static CheckpointDownload download(ECKey signer, CheckpointPolicy policy, String bundle,
            List<String> statusLists, Instant serverTime) {
        return new CheckpointDownload(sync(signer, policy, bundle, statusLists, serverTime), NONCE, bundle, statusLists);
    }

    /** The signed sync naming {@code bundle} and {@code statusLists} (content version 1 each). */
    public static String sync(ECKey signer, CheckpointPolicy policy, String bundle, List<String> statusLists,
            Instant serverTime) {
        try {
            List<CheckpointSync.StatusListVersion> named = new ArrayList<>();
            for (String token : statusLists) {
                Map<String, Object> claims = CompactJws.parse(token).unverifiedClaims();
                String uri = (String) claims.get("sub");
                named.add(new CheckpointSync.StatusListVersion(RegionCode.of((String) claims.get("iss")),
                        Long.parseLong(uri.substring(uri.lastIndexOf('/') + 1)), 1, CheckpointSync.digest(token)));
            }
            long version = ((Number) CompactJws.parse(bundle).unverifiedClaims().get("ver")).longValue();
            return CheckpointSync.sign(SigningKey.of(signer), new CheckpointSync(BEIJING, DEVICE, CHECKPOINT, NONCE,
                    serverTime, 1, policy, new CheckpointSync.SignedVersion(version, CheckpointSync.digest(bundle)),
                    named));
        } catch (JwsRejectedException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A sync ten minutes before {@link #NOW}. */
    public static CheckpointDownload download() {
        return download(7, NOW.minus(Duration.ofMinutes(10)));
    }

    /** A device enrolled at Tongzhou and synced ten minutes before {@link #NOW}. */
    public static CheckpointDevice syncedDevice(Clock clock) {
        CheckpointDevice device = new CheckpointDevice(new MemorySecureStore(), clock, null);
        try {
            device.enroll(enrollment());
            SyncResult applied = device.apply(download());
            if (applied.kind() != SyncResult.Kind.APPLIED) {
                throw new IllegalStateException("the test sync was refused: " + applied);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return device;
    }

    /** Beijing's bundle, valid a week: Beijing for everything, Langfang for passes on the corridor. */
    public static String bundle(ECKey signer, long version, Instant issuedAt) {
        return bundle(signer, version, issuedAt, Collections.<ECPublicKey>emptyList());
    }

    /** The same bundle, announcing {@code nextTrustKeys} for the home region's next trust-key rotation. */
    public static String bundle(ECKey signer, long version, Instant issuedAt, List<ECPublicKey> nextTrustKeys) {
        List<Issuer> issuers = Arrays.asList(
                new Issuer(BEIJING, "北京市", "Beijing", "https://bj.tongxing.example/status-lists/",
                        Collections.singletonList(IssuerKey.of(publicKey(BEIJING_KEY), Instant.parse("2026-01-01T00:00:00Z"))),
                        Recognition.everything()),
                new Issuer(LANGFANG, "廊坊市", "Langfang", "https://lf.tongxing.example/status-lists/",
                        Collections.singletonList(IssuerKey.of(publicKey(LANGFANG_KEY), Instant.parse("2026-01-01T00:00:00Z"))),
                        new Recognition(EnumSet.of(TokenKind.COMMUTER_PASS), Collections.singleton(CORRIDOR))));
        TrustStore store = new TrustStore(BEIJING, version, issuedAt, issuedAt.plus(Duration.ofDays(7)), issuers,
                nextTrustKeys);
        return TrustBundle.sign(SigningKey.of(signer), store);
    }

    /** List {@link #LIST} of {@code issuer}: 9 revoked, 10 suspended, the rest valid. */
    public static String statusList(RegionCode issuer, ECKey key, Instant issuedAt) {
        String base = issuer.equals(BEIJING) ? "https://bj.tongxing.example/status-lists/"
                : issuer.equals(LANGFANG) ? "https://lf.tongxing.example/status-lists/"
                : "https://sh.tongxing.example/status-lists/";
        StatusList list = StatusList.builder(2, 1 << 16)
                .set(REVOKED, TokenStatus.INVALID)
                .set(SUSPENDED, TokenStatus.SUSPENDED)
                .build();
        return StatusListToken.sign(SigningKey.of(key), issuer, base + LIST, list, issuedAt,
                issuedAt.plus(Duration.ofDays(1)), Duration.ofMinutes(5));
    }

    /** A Beijing health code issued three hours before {@link #NOW}, valid a day. */
    public static String healthCode(Colour colour, long index, Optional<HolderKey> holder) {
        return healthCode(BEIJING_KEY, colour, NOW.minus(Duration.ofHours(3)), index, holder);
    }

    public static String healthCode(ECKey key, Colour colour, Instant issuedAt, long index, Optional<HolderKey> holder) {
        HealthCode code = new HealthCode(key == SHANGHAI_KEY ? SHANGHAI : BEIJING, "q3V9xJm2", "张*三", "123X", colour,
                issuedAt, issuedAt.plus(Duration.ofHours(24)), new StatusReference(LIST, index), holder);
        return TokenSigner.create(SigningKey.of(key)).sign(code);
    }

    /** Beijing's paper card for 王*英 (no colour: its status entry follows her code), printed 10 days ago, 90 days. */
    public static String paperCard(long index) {
        Instant issued = NOW.minus(Duration.ofDays(10));
        return TokenSigner.create(SigningKey.of(BEIJING_KEY)).sign(new PaperCard(BEIJING, "p4Xk2Lq9", "王*英", "0426",
                issued, issued.plus(Duration.ofDays(90)), new StatusReference(LIST, index)));
    }

    /**
     * Beijing's signed answer to this device's ID-number check {@code requestJti}: the person's code when
     * {@code code} is present, else "not registered". Signed by {@code signer} (Beijing's trust key, or a rogue one).
     */
    public static String idCheckAnswer(ECKey signer, String requestJti, Optional<String> code) {
        return IdCheckAnswer.sign(SigningKey.of(signer), new IdCheckAnswer(BEIJING, DEVICE, requestJti, NOW,
                code.isPresent() ? IdCheckAnswer.Result.FOUND : IdCheckAnswer.Result.NOT_REGISTERED, code));
    }

    /** Langfang's commuter pass, Langfang–Beijing, issued a day before {@link #NOW}, valid 30 days. */
    public static String commuterPass(long index, Optional<HolderKey> holder) {
        return TokenSigner.create(SigningKey.of(LANGFANG_KEY)).sign(commuter(index, holder));
    }

    public static CommuterPass commuter(long index, Optional<HolderKey> holder) {
        Instant issued = NOW.minus(Duration.ofDays(1));
        return new CommuterPass(LANGFANG, "Lf8wq0Zk", "李*华", "4521", PassModel.ONE_LETTER_ONE_CARD_ONE_PERMIT,
                Arrays.asList(LANGFANG, BEIJING), ENTERPRISE, Optional.empty(), issued, Optional.empty(),
                issued.plus(Duration.ofDays(30)), new StatusReference(LIST, index), holder);
    }

    /** The largest pass there is: four regions and a plate (a version-13 QR). */
    public static String freightPass(long index) {
        Instant issued = NOW.minus(Duration.ofDays(1));
        CommuterPass pass = new CommuterPass(LANGFANG, "Fv2Rt7Kc", "王*明", "0817", PassModel.FREIGHT_VEHICLE,
                Arrays.asList(RegionCode.of("310000"), RegionCode.of("320000"), LANGFANG, BEIJING), ENTERPRISE,
                Optional.of("冀RD12345"), issued, Optional.empty(), issued.plus(Duration.ofDays(30)),
                new StatusReference(LIST, index), Optional.empty());
        return TokenSigner.create(SigningKey.of(LANGFANG_KEY)).sign(pass);
    }

    public static ECPublicKey publicKey(ECKey key) {
        try {
            return key.toECPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
