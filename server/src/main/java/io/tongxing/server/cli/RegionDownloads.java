package io.tongxing.server.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import io.tongxing.jose.SignedDataException;
import io.tongxing.status.StatusListToken;
import io.tongxing.status.VerifiedStatusList;
import io.tongxing.trust.TrustBundle;
import io.tongxing.trust.TrustStore;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;

/**
 * What {@code verify} fetches from the region server, as a checkpoint's sync would: the trust key
 * (unless pinned from a file), the signed trust bundle, and — only once a token's signature has
 * verified — the signed status list it names. Every failure is a {@link CliProblem} that says what
 * could not be had and why, in words.
 */
final class RegionDownloads {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final String server;

  RegionDownloads(HttpClient http, String server) {
    this.http = http;
    this.server = server;
  }

  /** The trust key the server publishes, with its full RFC 7638 thumbprint for the officer to compare. */
  PublishedKey publishedTrustKey() throws CliProblem {
    String url = server + "/.well-known/tongxing-trust-key.json";
    try {
      JsonObject published = new JsonObject(get(url));
      JsonObject jwk = published.getJsonObject("jwk");
      if (jwk == null) {
        throw new CliProblem("trust.notTongxing", server);
      }
      ECKey key = ECKey.parse(jwk.getMap());
      // The thumbprint is computed here, not taken from the document: that is what the officer compares.
      return new PublishedKey(publicKey(key), key.computeThumbprint().toString());
    } catch (DecodeException | ClassCastException | ParseException | JOSEException e) {
      throw new CliProblem("trust.notTongxing", server);
    }
  }

  record PublishedKey(ECPublicKey key, String thumbprint) {
  }

  /** A pinned trust key from a JWK file. */
  static ECPublicKey trustKeyFile(String file) throws CliProblem {
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new CliProblem("input.noSuchFile", file);
    }
    try {
      return publicKey(ECKey.parse(Files.readString(path)));
    } catch (IOException e) {
      throw new CliProblem("input.unreadable", file);
    } catch (ParseException | JOSEException | RuntimeException e) {
      throw new CliProblem("trust.keyFileNotJwk", file);
    }
  }

  /** The server's trust bundle, verified with {@code trustKey}. */
  TrustStore trustBundle(ECPublicKey trustKey) throws CliProblem {
    String url = server + "/trust-bundle";
    try {
      return TrustBundle.verify(get(url), List.of(trustKey), null);
    } catch (SignedDataException e) {
      throw new CliProblem("trust.bundleDoesNotVerify", url);
    }
  }

  /** The status list at {@code uri} (a URI from the verified bundle), verified against {@code trust}. */
  VerifiedStatusList statusList(String uri, TrustStore trust) throws CliProblem {
    try {
      return StatusListToken.verify(get(uri), trust, null);
    } catch (SignedDataException e) {
      throw new CliProblem("status.doesNotVerify", uri);
    }
  }

  private String get(String url) throws CliProblem {
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofString());
    } catch (IllegalArgumentException e) {
      throw new CliProblem("net.badUrl", url);
    } catch (HttpTimeoutException e) {
      throw new CliProblem("net.timeout", url);
    } catch (ConnectException e) {
      throw new CliProblem(unknownHost(e) ? "net.unknownHost" : "net.refused", url);
    } catch (IOException e) {
      throw new CliProblem(unknownHost(e) ? "net.unknownHost" : "net.failed", url);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliProblem("net.failed", url);
    }
    if (response.statusCode() != 200) {
      throw new CliProblem("net.status", url, String.valueOf(response.statusCode()));
    }
    return response.body();
  }

  private static boolean unknownHost(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
        return true;
      }
    }
    return false;
  }

  private static ECPublicKey publicKey(ECKey jwk) throws JOSEException, ParseException {
    if (!Curve.P_256.equals(jwk.getCurve()) || jwk.isPrivate()) {
      throw new ParseException("not a public P-256 key", 0);
    }
    return jwk.toECPublicKey();
  }
}
