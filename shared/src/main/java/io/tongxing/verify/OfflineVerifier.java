package io.tongxing.verify;

import io.tongxing.jose.CompactJws;
import io.tongxing.jose.SignedDataException;
import io.tongxing.qr.Presentation;
import io.tongxing.sync.IdCheckAnswer;
import io.tongxing.token.Credential;
import io.tongxing.token.TokenKind;
import io.tongxing.trust.Issuer;
import io.tongxing.trust.IssuerKey;
import io.tongxing.trust.TrustStore;
import io.tongxing.verify.internal.ClaimsStage;
import io.tongxing.verify.internal.HeaderStage;
import io.tongxing.verify.internal.HolderStage;
import io.tongxing.verify.internal.InputStage;
import io.tongxing.verify.internal.IssuerStage;
import io.tongxing.verify.internal.PolicyStage;
import io.tongxing.verify.internal.PresentationStage;
import io.tongxing.verify.internal.Rejection;
import io.tongxing.verify.internal.SignatureStage;
import io.tongxing.verify.internal.StatusStage;
import io.tongxing.verify.internal.TimeStage;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers, offline, whether a scanned code may pass this checkpoint: QR text (or a raw token) in,
 * {@link Verdict} out. The data flows one way through small stages:
 *
 * <pre>
 *   input → QR text → JWS header → issuer → key → signature → claims → time → status
 *         → holder proof → checkpoint policy → verdict
 * </pre>
 *
 * Rejected input is a verdict, never an exception; only PASS needs every stage to agree. The server
 * and the Android app both verify with this class. Immutable and thread-safe: build a new one
 * after each sync.
 */
public final class OfflineVerifier {
    private final TrustStore trust;
    private final CheckpointPolicy policy;
    private final Clock clock;
    private final SignatureStage signatures;
    private final TimeStage time;
    private final StatusStage status;
    private final HolderStage holder;
    private final PolicyStage rules;
    private final Provider provider;

    private OfflineVerifier(Builder builder) {
        this.trust = builder.trust;
        this.policy = builder.policy;
        this.clock = builder.clock;
        this.signatures = new SignatureStage(trust, builder.provider);
        Instant latestSigned = trust.issuedAt();
        Optional<Instant> newestStatus = builder.statusLists.newestIssuedAt();
        if (newestStatus.isPresent() && newestStatus.get().isAfter(latestSigned)) {
            latestSigned = newestStatus.get();
        }
        if (builder.latestSignedTime != null && builder.latestSignedTime.isAfter(latestSigned)) {
            latestSigned = builder.latestSignedTime;
        }
        this.time = new TimeStage(latestSigned, trust.expiresAt(), policy.clockSkew());
        this.status = new StatusStage(builder.statusLists, policy.maxStatusAge());
        this.holder = new HolderStage(policy.holderProof(), policy.holderProofWindow(), builder.provider);
        this.rules = new PolicyStage(policy);
        this.provider = builder.provider;
    }

    public static Builder builder(TrustStore trust, CheckpointPolicy policy) {
        return new Builder(trust, policy);
    }

    /** Verifies scanned bytes, as a camera or hardware scanner delivers them. */
    public Verdict verify(byte[] scanned) {
        Instant now = clock.instant();
        try {
            return verifyText(InputStage.text(scanned), now);
        } catch (Rejection rejection) {
            return verdict(rejection, now);
        }
    }

    /** Verifies scanned text: Tongxing QR text, or a compact JWS. */
    public Verdict verify(CharSequence scanned) {
        Instant now = clock.instant();
        try {
            return verifyText(InputStage.text(scanned), now);
        } catch (Rejection rejection) {
            return verdict(rejection, now);
        }
    }

    /**
     * The verdict on the verified answer to an ID-number check (docs/token-format.md §11). A health code
     * the server found goes through the same stages as a scanned one — signature, issuer, time, status,
     * policy — except the holder proof: the officer typed the number from the ID card in hand, which
     * stands in for the phone. An answer without a code is REVIEW: the device cannot confirm anything.
     */
    public Verdict verifyIdCheck(IdCheckAnswer answer) {
        Instant now = clock.instant();
        switch (answer.result()) {
            case NOT_REGISTERED:
                return idCheckVerdict(new Verdict(Reason.ID_NOT_REGISTERED, Optional.empty(), Optional.empty(), now));
            case PARTNER_UNAVAILABLE:
                return idCheckVerdict(new Verdict(Reason.ID_CHECK_PARTNER_UNAVAILABLE, Optional.empty(), Optional.empty(),
                        now));
            default:
                try {
                    return idCheckVerdict(verifyToken(Presentation.of(answer.token().get()), now, true));
                } catch (Rejection rejection) {
                    return idCheckVerdict(verdict(rejection, now));
                }
        }
    }

    /**
     * The verdict on the answer text to an ID-number check: verified first with the device's trust keys
     * (pinned and learned) for this device and request, then as {@link #verifyIdCheck(IdCheckAnswer)};
     * an answer that does not verify is REVIEW {@link Reason#ID_CHECK_ANSWER_INVALID}.
     */
    public Verdict verifyIdCheck(String answer, Collection<ECPublicKey> trustKeys, String deviceId, String nonce) {
        try {
            return verifyIdCheck(IdCheckAnswer.verify(answer, trustKeys, deviceId, nonce, provider));
        } catch (SignedDataException e) {
            return idCheckUnanswered(Reason.ID_CHECK_ANSWER_INVALID);
        }
    }

    /**
     * The verdict when an ID-number check got no answer to verify: {@link Reason#ID_CHECK_NEEDS_NETWORK}
     * (no network), {@link Reason#ID_CHECK_REFUSED} (the server refused, e.g. too many checks) or
     * {@link Reason#ID_CHECK_ANSWER_INVALID} (an answer that did not verify).
     */
    public Verdict idCheckUnanswered(Reason reason) {
        if (reason != Reason.ID_CHECK_NEEDS_NETWORK && reason != Reason.ID_CHECK_REFUSED
                && reason != Reason.ID_CHECK_ANSWER_INVALID) {
            throw new IllegalArgumentException(reason + " is not a reason for an unanswered ID-number check");
        }
        return idCheckVerdict(new Verdict(reason, Optional.empty(), Optional.empty(), clock.instant()));
    }

    public CheckpointPolicy policy() {
        return policy;
    }

    private static Verdict idCheckVerdict(Verdict verdict) {
        return new Verdict(verdict.reason(), verdict.credential(), verdict.statusAge(), verdict.checkedAt(),
                Verdict.Source.ID_NUMBER);
    }

    private Verdict verifyText(String text, Instant now) {
        return verifyToken(PresentationStage.decode(text), now, false);
    }

    private Verdict verifyToken(Presentation presentation, Instant now, boolean lookedUp) {
        CompactJws jws = HeaderStage.parse(presentation.token());
        TokenKind kind = HeaderStage.kind(jws);
        if (lookedUp && kind != TokenKind.HEALTH_CODE) {
            // An ID-number check answers with a health code, never anything else.
            throw Rejection.of(Reason.ID_CHECK_ANSWER_INVALID);
        }
        Issuer issuer = IssuerStage.recognize(jws, kind, trust, policy);
        IssuerKey key = signatures.verify(jws, issuer);
        Credential credential = ClaimsStage.read(jws, kind);
        VerifiedCredential verified = new VerifiedCredential(credential, issuer, false);
        time.check(verified, key, now);
        Duration statusAge = status.check(verified, now);
        if (!lookedUp && holder.check(verified, presentation, now, statusAge)) {
            verified = new VerifiedCredential(credential, issuer, true);
        }
        rules.check(verified, statusAge);
        return new Verdict(Reason.ACCEPTED, Optional.of(verified), Optional.of(statusAge), now);
    }

    private static Verdict verdict(Rejection rejection, Instant now) {
        return new Verdict(rejection.reason(), Optional.ofNullable(rejection.credential()),
                Optional.ofNullable(rejection.statusAge()), now);
    }

    /** Assembles a verifier from what a checkpoint device holds after a sync. */
    public static final class Builder {
        private final TrustStore trust;
        private final CheckpointPolicy policy;
        private StatusLists statusLists = StatusLists.none();
        private Clock clock = Clock.systemUTC();
        private Instant latestSignedTime;
        private Provider provider;

        private Builder(TrustStore trust, CheckpointPolicy policy) {
            this.trust = Objects.requireNonNull(trust, "trust");
            this.policy = Objects.requireNonNull(policy, "policy");
        }

        public Builder statusLists(StatusLists statusLists) {
            this.statusLists = Objects.requireNonNull(statusLists, "statusLists");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The latest signed time the device has ever seen (its persisted high-water mark, e.g. the
         * server time of its last sync). The trust bundle's and status lists' own {@code iat} count
         * too; a clock earlier than the latest of them by more than the skew means REVIEW.
         */
        public Builder latestSignedTime(Instant latestSignedTime) {
            this.latestSignedTime = latestSignedTime;
            return this;
        }

        /** The JCA provider for signature checks; {@code null}, the default, means the platform's. */
        public Builder provider(Provider provider) {
            this.provider = provider;
            return this;
        }

        public OfflineVerifier build() {
            return new OfflineVerifier(this);
        }
    }
}
