package io.tongxing.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.auth.OneTimeCodeSender;
import io.tongxing.server.colour.ColourChangeListener;
import io.tongxing.server.crypto.KeyMaterial;
import io.vertx.pgclient.PgConnectOptions;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * What the server needs besides its configuration: the database, keys, time, randomness, the
 * one-time-code sender, the metrics registry and the colour-change listeners (health-code issuance).
 * Tests pass their own.
 */
public record Dependencies(PgConnectOptions database, KeyMaterial keys, Clock clock, SecureRandom random,
                           OneTimeCodeSender codeSender, PrometheusMeterRegistry metrics,
                           List<ColourChangeListener> colourListeners) {

  public Dependencies {
    colourListeners = List.copyOf(colourListeners);
  }
}
