package io.tongxing.app.server;

import io.tongxing.sync.IdCheckReason;
import java.io.IOException;

/**
 * The checkpoint API's ID-number check ({@code POST /api/v1/device/id-checks}): the device signs the request
 * like every other, and the home server answers with a {@code tx-idcheck+jwt} for this device and request,
 * which the device verifies before it believes anything (docs/token-format.md §11).
 */
public interface IdCheckService {

    /**
     * Asks the home server about the person with {@code idNumber}.
     *
     * @throws IOException if the server could not be reached (the verdict is then "needs a network")
     * @throws ServerRefusedException if it refused, e.g. {@code ID_CHECKS_LIMIT}: too many checks from this device
     */
    Answer check(String idNumber, IdCheckReason reason) throws IOException, ServerRefusedException;

    /** The signed answer as it came, and the {@code jti} of the request it must answer. */
    record Answer(String signed, String requestJti) {
    }
}
