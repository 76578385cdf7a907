package io.tongxing.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Strong ETags for signed downloads, and the conditional GET that saves a current device the bytes. */
public final class ETags {

  private ETags() {
  }

  /** A strong ETag: 132 bits of the SHA-256 of {@code content}. */
  public static String of(String content) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /**
   * Answers 304 if the client already holds {@code etag}, else {@code 200} with {@code body}; either
   * way with the ETag and a public cache lifetime.
   */
  public static void send(RoutingContext ctx, String etag, String contentType, String body, long maxAgeSeconds) {
    send(ctx, etag, "public, max-age=" + maxAgeSeconds, contentType, Buffer.buffer(body));
  }

  /** As above, with the {@code Cache-Control} given (a caller's own data: {@code private, ...}). */
  public static void send(RoutingContext ctx, String etag, String cacheControl, String contentType, Buffer body) {
    ctx.response().putHeader("ETag", etag).putHeader("Cache-Control", cacheControl);
    String held = ctx.request().getHeader("If-None-Match");
    if (held != null && (held.equals(etag) || held.contains(etag))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().putHeader("Content-Type", contentType).end(body);
  }
}
