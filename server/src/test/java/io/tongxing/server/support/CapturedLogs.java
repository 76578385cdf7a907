package io.tongxing.server.support;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.AppenderBase;

import java.nio.charset.StandardCharsets;

/** Keeps every encoded log line of the test run in memory, for LogHygieneTest to search. */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> {

  private static final StringBuffer LINES = new StringBuffer();
  private Encoder<ILoggingEvent> encoder;

  public void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  @Override
  public void start() {
    if (encoder != null) {
      encoder.start();
    }
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    LINES.append(new String(encoder.encode(event), StandardCharsets.UTF_8));
  }

  public static String text() {
    return LINES.toString();
  }

  public static int length() {
    return LINES.length();
  }

  /** The messages of the lines at {@code level} logged since {@code from} (a {@link #length()} taken before). */
  public static java.util.List<String> messages(int from, String level) {
    java.util.List<String> messages = new java.util.ArrayList<>();
    for (String line : text().substring(from).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      io.vertx.core.json.JsonObject event = new io.vertx.core.json.JsonObject(line);
      if (level.equals(event.getString("level"))) {
        messages.add(event.getString("formattedMessage"));
      }
    }
    return messages;
  }
}
