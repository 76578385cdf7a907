package io.tongxing.app.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a checkpoint sync brings: the signed sync itself (a {@code tx-checkpoint+jwt} carrying the policy
 * and the server's time and naming the bundle to hold), the {@code jti} of the request it answers, the
 * signed trust bundle and the signed status lists. The device believes none of it before checking every
 * signature against the keys it pinned, and keeps all of it, so that it can check it all again after a
 * restart.
 */
public record CheckpointDownload(String sync, String nonce, String trustBundle, List<String> statusLists) {
    public CheckpointDownload {
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(trustBundle, "trustBundle");
        statusLists = Collections.unmodifiableList(new ArrayList<>(statusLists));
    }
}
