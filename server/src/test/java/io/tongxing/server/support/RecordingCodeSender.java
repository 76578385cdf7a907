package io.tongxing.server.support;

import io.tongxing.server.auth.OneTimeCodeSender;
import io.vertx.core.Future;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps the last code sent to each phone, as an SMS inbox would. */
public final class RecordingCodeSender implements OneTimeCodeSender {

  private final Map<String, String> inbox = new ConcurrentHashMap<>();

  @Override
  public Future<Void> send(String phone, String code, Purpose purpose) {
    inbox.put(phone, code);
    return Future.succeededFuture();
  }

  public String lastCodeFor(String phone) {
    String code = inbox.get(phone);
    if (code == null) {
      throw new IllegalStateException("no code was sent to this phone");
    }
    return code;
  }
}
