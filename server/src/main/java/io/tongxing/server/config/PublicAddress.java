package io.tongxing.server.config;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The base URL under which devices and partners reach this server ({@code http.publicUrl}); when it
 * is not configured, {@code http://localhost:<port>} once the port is bound. Status-list URIs in
 * trust bundles and tokens are built from it.
 */
public final class PublicAddress {

  private final AtomicReference<String> base = new AtomicReference<>();

  public PublicAddress(String configured) {
    if (configured != null && !configured.isBlank()) {
      base.set(trimmed(configured));
    }
  }

  /** Fills in the address from the bound port, unless one was configured. */
  public void bound(int port) {
    base.compareAndSet(null, "http://localhost:" + port);
  }

  public String base() {
    String value = base.get();
    if (value == null) {
      throw new IllegalStateException("the public address is not known before the server listens");
    }
    return value;
  }

  /** Status list {@code n} is at {@code statusListBase() + n}. */
  public String statusListBase() {
    return base() + "/status-lists/";
  }

  private static String trimmed(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
