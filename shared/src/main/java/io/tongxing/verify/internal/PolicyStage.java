package io.tongxing.verify.internal;

import io.tongxing.token.Colour;
import io.tongxing.token.CommuterPass;
import io.tongxing.token.Credential;
import io.tongxing.token.HealthCode;
import io.tongxing.verify.CheckpointPolicy;
import io.tongxing.verify.Reason;
import io.tongxing.verify.VerifiedCredential;
import java.time.Duration;

/** Applies the checkpoint's own rules to a genuine, current token: kind, colour, route. */
public final class PolicyStage {
    private final CheckpointPolicy policy;

    public PolicyStage(CheckpointPolicy policy) {
        this.policy = policy;
    }

    public void check(VerifiedCredential verified, Duration statusAge) {
        Credential credential = verified.credential();
        if (!policy.acceptedKinds().contains(credential.kind())) {
            throw Rejection.of(Reason.KIND_NOT_ACCEPTED, verified, statusAge);
        }
        if (credential instanceof HealthCode) {
            Colour colour = ((HealthCode) credential).colour();
            if (!policy.acceptedColours().contains(colour)) {
                throw Rejection.of(colour == Colour.RED ? Reason.CODE_RED : Reason.CODE_YELLOW, verified, statusAge);
            }
        }
        if (credential instanceof CommuterPass && policy.routeCheck()
                && !((CommuterPass) credential).touches(policy.region())) {
            throw Rejection.of(Reason.ROUTE_MISMATCH, verified, statusAge);
        }
    }
}
