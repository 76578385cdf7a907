package io.tongxing.app.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a checkpoint sync brings: the signed trust bundle, the signed status lists, the checkpoint policy
 * (JSON of {@code CheckpointPolicy.toJson}) and the server's time. The device believes the bundle and the
 * lists only after checking their signatures.
 */
public record CheckpointDownload(String trustBundle, List<String> statusLists, String policyJson,
        Instant serverTime) {
    public CheckpointDownload {
        Objects.requireNonNull(trustBundle, "trustBundle");
        Objects.requireNonNull(policyJson, "policyJson");
        Objects.requireNonNull(serverTime, "serverTime");
        statusLists = Collections.unmodifiableList(new ArrayList<>(statusLists));
    }
}
