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
}
