package io.tongxing.app.model.checkpoint;

import static io.tongxing.app.testing.TongzhouCheckpoint.BEIJING;
import static io.tongxing.app.testing.TongzhouCheckpoint.NOW;
import static io.tongxing.app.testing.TongzhouCheckpoint.ROGUE_KEY;
import static io.tongxing.app.testing.TongzhouCheckpoint.SHANGHAI;
import static io.tongxing.app.testing.TongzhouCheckpoint.SHANGHAI_KEY;
import static io.tongxing.app.testing.TongzhouCheckpoint.TRUST_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.server.CheckpointDownload;
import io.tongxing.app.testing.MemorySecureStore;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.jose.JwsWriter;
import io.tongxing.jose.SigningKey;
import io.tongxing.sync.CheckpointSync;
import io.tongxing.token.Colour;
import io.tongxing.verify.CheckpointPolicy;
import io.tongxing.verify.Outcome;
import io.tongxing.verify.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A checkpoint device adopting synced data: what it believes, what it refuses, what it remembers. */
class CheckpointDeviceTest {
    private final MemorySecureStore store = new MemorySecureStore();
    private final MutableClock clock = new MutableClock(NOW);
    private CheckpointDevice device;

    @BeforeEach
    void enrolled() throws Exception {
        device = new CheckpointDevice(store, clock, null);
        device.enroll(TongzhouCheckpoint.enrollment());
    }

    @Test
    void aGoodDownloadGivesAVerifierThatPassesAGreenCode() throws Exception {
        SyncResult result = device.apply(TongzhouCheckpoint.download());

        assertEquals(SyncResult.Kind.APPLIED, result.kind());
        assertEquals(2, result.listsAccepted());
        assertEquals(Reason.ACCEPTED, device.verifier().get()
                .verify(TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty())).reason());
    }

    @Test
    void aBundleNotSignedByThePinnedTrustKeyIsRefusedAndTheOldDataStays() throws Exception {
        device.apply(TongzhouCheckpoint.download());
        CheckpointDownload forged = TongzhouCheckpoint.download(TongzhouCheckpoint.bundle(ROGUE_KEY, 99, NOW),
                TongzhouCheckpoint.download().statusLists(), NOW);

        SyncResult result = device.apply(forged);

        assertEquals(SyncResult.Kind.BUNDLE_REFUSED, result.kind());
        assertEquals(7, device.state().get().trust().version(), "version 7 still in use");
    }

    @Test
    void aLowerBundleVersionIsNeverAcceptedNotEvenAfterARestart() throws Exception {
        device.apply(TongzhouCheckpoint.download(7, NOW.minus(Duration.ofMinutes(10))));

        CheckpointDevice restarted = new CheckpointDevice(store, clock, null);
        restarted.load();
        SyncResult rollback = restarted.apply(TongzhouCheckpoint.download(6, NOW));

        assertEquals(SyncResult.Kind.OLDER_BUNDLE, rollback.kind());
        assertEquals(7, restarted.state().get().trust().version());
        assertEquals(SyncResult.Kind.APPLIED, restarted.apply(TongzhouCheckpoint.download(7, NOW)).kind(),
                "the same version again is fine (fresh status lists)");
        assertEquals(SyncResult.Kind.APPLIED, restarted.apply(TongzhouCheckpoint.download(8, NOW)).kind());
    }

    @Test
    void theLatestSignedTimeSurvivesARestartAndAClockSetBackMeansReview() throws Exception {
        Instant serverTime = NOW.plus(Duration.ofHours(2));
        CheckpointDownload download = TongzhouCheckpoint.download();
        device.apply(TongzhouCheckpoint.download(download.trustBundle(), download.statusLists(), serverTime));

        CheckpointDevice restarted = new CheckpointDevice(store, clock, null);
        restarted.load();

        assertEquals(serverTime, restarted.state().get().latestSignedTime());
        assertEquals(Reason.CLOCK_BEHIND, restarted.verifier().get()
                .verify(TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty())).reason(),
                "the device clock (08:00) is two hours behind the server time it saw");
        clock.set(serverTime);
        assertEquals(Outcome.PASS, restarted.verifier().get()
                .verify(TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty())).outcome());
    }

    @Test
    void theHighWaterMarkNeverGoesBackWhenAnOlderServerTimeArrives() throws Exception {
        Instant later = NOW.plus(Duration.ofHours(1));
        CheckpointDownload first = TongzhouCheckpoint.download();
        device.apply(TongzhouCheckpoint.download(first.trustBundle(), first.statusLists(), later));
        device.apply(TongzhouCheckpoint.download(7, NOW.minus(Duration.ofHours(3))));

        assertEquals(later, device.state().get().latestSignedTime());
    }

    @Test
    void aStatusListFromAnIssuerTheBundleDoesNotTrustIsDroppedTheRestKept() throws Exception {
        CheckpointDownload good = TongzhouCheckpoint.download();
        CheckpointDownload mixed = TongzhouCheckpoint.download(good.trustBundle(),
                Arrays.asList(good.statusLists().get(0), TongzhouCheckpoint.statusList(SHANGHAI, SHANGHAI_KEY, NOW),
                        TongzhouCheckpoint.statusList(BEIJING, ROGUE_KEY, NOW)),
                NOW.minus(Duration.ofMinutes(10)));

        SyncResult result = device.apply(mixed);

        assertEquals(SyncResult.Kind.APPLIED, result.kind());
        assertEquals(1, result.listsAccepted());
        assertEquals(2, result.listsRefused());
        assertEquals(1, device.state().get().statusLists().size());
    }

    @Test
    void listsHeldFromAnEarlierSyncStayWhenANewSyncLacksThem() throws Exception {
        device.apply(TongzhouCheckpoint.download());
        CheckpointDownload withoutLists = TongzhouCheckpoint.download(TongzhouCheckpoint.bundle(TRUST_KEY, 7, NOW),
                java.util.Collections.emptyList(), NOW);

        device.apply(withoutLists);

        assertEquals(2, device.state().get().statusLists().size());
    }

    @Test
    void aTrustKeyRotationAnnouncedInAVerifiedBundleIsFollowedEvenAfterARestart() throws Exception {
        CheckpointDownload good = TongzhouCheckpoint.download();
        CheckpointDownload signedByNext = TongzhouCheckpoint.download(TongzhouCheckpoint.NEXT_TRUST_KEY,
                TongzhouCheckpoint.policy(), TongzhouCheckpoint.bundle(TongzhouCheckpoint.NEXT_TRUST_KEY, 8, NOW),
                good.statusLists(), NOW);
        assertEquals(SyncResult.Kind.SYNC_REFUSED, device.apply(signedByNext).kind(), "not announced yet");

        device.apply(TongzhouCheckpoint.download(TongzhouCheckpoint.bundle(TRUST_KEY, 7, NOW.minus(Duration.ofMinutes(10)),
                List.of(TongzhouCheckpoint.publicKey(TongzhouCheckpoint.NEXT_TRUST_KEY))),
                good.statusLists(), NOW.minus(Duration.ofMinutes(10))));
        CheckpointDevice restarted = new CheckpointDevice(store, clock, null);
        restarted.load();

        assertEquals(SyncResult.Kind.APPLIED, restarted.apply(signedByNext).kind());
        assertEquals(8, restarted.state().get().trust().version());
        CheckpointDevice again = new CheckpointDevice(store, clock, null);
        again.load();
        assertTrue(again.verifier().isPresent(), "a bundle signed by the learned key re-verifies on load");
    }

    @Test
    void aSyncWhosePolicyDoesNotParseRefusesTheWholeDownload() throws Exception {
        CheckpointDownload good = TongzhouCheckpoint.download();
        String claims = new String(java.util.Base64.getUrlDecoder().decode(good.sync().split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        String badPolicy = claims.replaceFirst("\"max_status_age\":[0-9]+", "\"max_status_age\":\"soon\"");
        assertTrue(!badPolicy.equals(claims), "the policy was changed");
        String sync = JwsWriter.sign(SigningKey.of(TRUST_KEY), CheckpointSync.TYP, badPolicy);

        SyncResult result = device.apply(new CheckpointDownload(sync, TongzhouCheckpoint.NONCE, good.trustBundle(),
                good.statusLists()));

        assertEquals(SyncResult.Kind.SYNC_REFUSED, result.kind());
        assertFalse(device.verifier().isPresent());
    }

    @Test
    void aSyncSignedByAKeyNobodyPinnedIsRefusedThoughItsBundleIsGood() throws Exception {
        CheckpointDownload good = TongzhouCheckpoint.download();
        CheckpointDownload laxPolicy = TongzhouCheckpoint.download(ROGUE_KEY,
                CheckpointPolicy.builder(TongzhouCheckpoint.TONGZHOU).build(), good.trustBundle(), good.statusLists(),
                NOW);

        assertEquals(SyncResult.Kind.SYNC_REFUSED, device.apply(laxPolicy).kind());
        assertFalse(device.verifier().isPresent());
    }

    @Test
    void aSyncForAnotherRequestOrNamingAnotherBundleIsRefused() throws Exception {
        CheckpointDownload good = TongzhouCheckpoint.download();
        CheckpointDownload replayed = new CheckpointDownload(good.sync(), "another-request", good.trustBundle(),
                good.statusLists());
        CheckpointDownload swapped = new CheckpointDownload(good.sync(), good.nonce(),
                TongzhouCheckpoint.bundle(TRUST_KEY, 7, NOW), good.statusLists());

        assertEquals(SyncResult.Kind.SYNC_REFUSED, device.apply(replayed).kind());
        assertEquals(SyncResult.Kind.SYNC_REFUSED, device.apply(swapped).kind(),
                "a bundle signed by the trust key, but not the one this sync names");
        assertFalse(device.verifier().isPresent());
    }

    @Test
    void aDeviceThatIsNotEnrolledPinsNothingAndAcceptsNothing() throws Exception {
        CheckpointDevice fresh = new CheckpointDevice(new MemorySecureStore(), clock, null);

        assertEquals(SyncResult.Kind.NOT_ENROLLED, fresh.apply(TongzhouCheckpoint.download()).kind());
        assertFalse(fresh.verifier().isPresent());
    }

    @Test
    void enrollmentAndDataAreReloadedAndReverifiedFromTheStore() throws Exception {
        device.apply(TongzhouCheckpoint.download());

        CheckpointDevice restarted = new CheckpointDevice(store, clock, null);
        restarted.load();

        assertEquals(TongzhouCheckpoint.CHECKPOINT, restarted.enrollment().get().checkpoint());
        assertTrue(restarted.verifier().isPresent());
        assertEquals(Outcome.STOP, restarted.verifier().get()
                .verify(TongzhouCheckpoint.healthCode(Colour.GREEN, TongzhouCheckpoint.REVOKED, Optional.empty()))
                .outcome());
        assertTrue(store.contains(CheckpointDevice.DATA));
    }
}
