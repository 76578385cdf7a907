package io.tongxing.server.auth;

import io.vertx.core.Future;

/** Delivers a one-time code to a phone (an SMS gateway in production). */
public interface OneTimeCodeSender {

  enum Purpose {
    REGISTER,
    RESET_PASSWORD
  }

  Future<Void> send(String phone, String code, Purpose purpose);
}
