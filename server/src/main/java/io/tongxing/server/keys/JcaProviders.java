package io.tongxing.server.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Provider;

/**
 * The JCA provider the server signs and verifies with. Conscrypt (BoringSSL) signs ES256 about
 * twenty times faster than the JDK's SunEC; where its native library does not load, the server
 * falls back to SunEC and says so once.
 */
public final class JcaProviders {

  private static final Logger LOG = LoggerFactory.getLogger(JcaProviders.class);

  private JcaProviders() {
  }

  /** Conscrypt if wanted and loadable, else {@code null} (the JDK's default providers). */
  public static Provider nativeOrDefault(boolean wanted) {
    if (!wanted) {
      LOG.info("crypto: native provider disabled by configuration; signing with the JDK's SunEC");
      return null;
    }
    try {
      Class<?> conscrypt = Class.forName("org.conscrypt.Conscrypt");
      if (!(Boolean) conscrypt.getMethod("isAvailable").invoke(null)) {
        LOG.warn("crypto: Conscrypt's native library did not load; signing with the JDK's SunEC (about 20x slower)");
        return null;
      }
      Provider provider = (Provider) conscrypt.getMethod("newProvider").invoke(null);
      LOG.info("crypto: signing and verifying with {} {}", provider.getName(), provider.getVersionStr());
      return provider;
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.warn("crypto: Conscrypt unavailable ({}); signing with the JDK's SunEC (about 20x slower)", e.toString());
      return null;
    }
  }
}
