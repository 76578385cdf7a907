package io.tongxing.server.auth;

import io.vertx.core.Future;

/** Delivers a one-time code to a phone (an SMS gateway in production). */
public interface OneTimeCodeSender {

  enum Purpose {
    REGISTER,
    RESET_PASSWORD,
    /** A family member's consent to a guardian: the member reads the code out to the guardian. */
    DEPENDANT_CONSENT
  }

  Future<Void> send(String phone, String code, Purpose purpose);
}
