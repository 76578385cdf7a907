package io.tongxing.server.auth;

import io.tongxing.server.account.PhoneNumbers;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one-time codes to the log instead of sending an SMS, with the phone number masked. Only
 * for demos and development: the code itself is in the log.
 */
public final class DemoOneTimeCodeSender implements OneTimeCodeSender {

  private static final Logger LOG = LoggerFactory.getLogger(DemoOneTimeCodeSender.class);

  @Override
  public Future<Void> send(String phone, String code, Purpose purpose) {
    LOG.info("[DEMO SENDER — no SMS is sent] {} code sent to {}: {}", purpose, PhoneNumbers.mask(phone), code);
    return Future.succeededFuture();
  }
}
