package io.tongxing.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tongxing.server.auth.OneTimeCodeSender;
import io.tongxing.server.colour.ColourChangeListener;
import io.tongxing.server.crypto.KeyMaterial;
import io.tongxing.server.keys.JcaProviders;
import io.vertx.pgclient.PgConnectOptions;

import java.security.Provider;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * What the server needs besides its configuration: the database, keys, time, randomness, the
 * one-time-code sender, the metrics registry, extra colour-change listeners, and the JCA provider
 * that signs and verifies ({@code null}: the JDK's). Tests pass their own.
 */
public record Dependencies(PgConnectOptions database, KeyMaterial keys, Clock clock, SecureRandom random,
                           OneTimeCodeSender codeSender, PrometheusMeterRegistry metrics,
                           List<ColourChangeListener> colourListeners, Provider jcaProvider) {

  public Dependencies {
    colourListeners = List.copyOf(colourListeners);
  }

  /** The same, with other database connection options. */
  public Dependencies withDatabase(PgConnectOptions other) {
    return new Dependencies(other, keys, clock, random, codeSender, metrics, colourListeners, jcaProvider);
  }

  /** With the native provider where it loads. */
  public Dependencies(PgConnectOptions database, KeyMaterial keys, Clock clock, SecureRandom random,
                      OneTimeCodeSender codeSender, PrometheusMeterRegistry metrics,
                      List<ColourChangeListener> colourListeners) {
    this(database, keys, clock, random, codeSender, metrics, colourListeners, JcaProviders.nativeOrDefault(true));
  }
}
