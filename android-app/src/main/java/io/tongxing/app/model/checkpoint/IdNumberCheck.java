package io.tongxing.app.model.checkpoint;

import io.tongxing.app.server.Enrollment;
import io.tongxing.app.server.IdCheckService;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.sync.IdCheckReason;
import io.tongxing.verify.OfflineVerifier;
import io.tongxing.verify.Reason;
import io.tongxing.verify.Verdict;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * An officer's check of a person by ID number, from request to verdict: the device asks its home server, then
 * verifies the signed answer with its own trust keys, for this device and this request, and the health code in
 * it like a scanned one (except the holder proof: the officer holds the ID card). No answer is REVIEW: "needs a
 * network" when the server cannot be reached, "refused" with the server's words when it said no.
 */
public final class IdNumberCheck {
    private final CheckpointDevice device;
    private final IdCheckService service;

    public IdNumberCheck(CheckpointDevice device, IdCheckService service) {
        this.device = Objects.requireNonNull(device, "device");
        this.service = Objects.requireNonNull(service, "service");
    }

    /** The verdict, and the server's words when it refused the check. */
    public record Result(Verdict verdict, Optional<String> serverSaid) {
    }

    /**
     * Checks {@code idNumber} (already checked against GB 11643 by the caller). Call off the main thread.
     *
     * @throws IllegalStateException if the device is not enrolled and synced (it cannot verify anything)
     */
    public Result check(String idNumber, IdCheckReason reason) {
        OfflineVerifier verifier = device.verifier()
                .orElseThrow(() -> new IllegalStateException("the device holds no verified data"));
        Enrollment enrollment = device.enrollment()
                .orElseThrow(() -> new IllegalStateException("the device is not enrolled"));
        IdCheckService.Answer answer;
        try {
            answer = service.check(idNumber, reason);
        } catch (ServerRefusedException e) {
            return new Result(verifier.idCheckUnanswered(Reason.ID_CHECK_REFUSED), Optional.of(e.getMessage()));
        } catch (IOException e) {
            return new Result(verifier.idCheckUnanswered(Reason.ID_CHECK_NEEDS_NETWORK), Optional.empty());
        }
        return new Result(verifier.verifyIdCheck(answer.signed(), device.trustKeys(), enrollment.deviceId(),
                answer.requestJti()), Optional.empty());
    }
}
