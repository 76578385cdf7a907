package io.tongxing.server.healthcode;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tongxing.qr.QrCode;
import io.tongxing.server.http.ETags;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * What a resident's phone fetches of a signed code — its JSON, its QR as PNG at a scale, as SVG in a
 * language — made once per token and kept by the node. A token never changes, so neither does any
 * of these; their ETags come from the token and the representation alone, so every node gives the
 * same ETag for the same code and a phone's {@code If-None-Match} is answered by any of them. Which
 * code is current, and whether the caller may see it, is decided on every request before this cache
 * is asked.
 */
public final class CodeViews {

  /** Changes whenever the bytes made for a representation change, so ETags of the old bytes stop matching. */
  private static final String RENDERING = "2";
  /** An entry nobody asked for in this long is dropped: its code has been replaced or the phone caches it. */
  private static final Duration IDLE = Duration.ofHours(1);
  /** Bytes of an entry besides its body: the key's token, the ETag, the objects. */
  private static final int OVERHEAD = 600;

  /** A representation and its ETag. */
  public record View(Buffer body, String etag) {
  }

  private record Key(String token, String variant) {
  }

  private final Cache<Key, View> views;
  /** The QR symbol of a token: choosing its mask is most of an image's cost, and PNG and SVG share it. */
  private final Cache<String, QrCode> symbols;

  /** A cache of at most {@code maxBytes} of views (and a tenth of that in QR symbols). */
  public CodeViews(long maxBytes) {
    this.views = Caffeine.newBuilder().maximumWeight(maxBytes).weigher((Key key, View view) -> view.body().length() + OVERHEAD)
      .expireAfterAccess(IDLE).build();
    // A symbol of version 11-16 is a matrix of 61-81 modules a side, a byte each.
    this.symbols = Caffeine.newBuilder().maximumSize(Math.max(16, maxBytes / 10 / 8_000)).expireAfterAccess(IDLE).build();
  }

  /** The code as {@code GET /me/health-code} answers it. */
  public View json(IssuedCode code) {
    return view(code, "json", c -> c.toJson().toBuffer());
  }

  /** The QR as a PNG of {@code scale} pixels a module. */
  public View png(IssuedCode code, int scale) {
    return view(code, "png" + scale, c -> Buffer.buffer(symbol(c).png(scale)));
  }

  /** The QR as SVG named {@code label} for screen readers, in {@code locale}'s language. */
  public View svg(IssuedCode code, Locale locale, String label) {
    return view(code, "svg-" + locale.toLanguageTag(), c -> Buffer.buffer(symbol(c).svg(label)));
  }

  private View view(IssuedCode code, String variant, Function<IssuedCode, Buffer> make) {
    return views.get(new Key(code.token(), variant),
      key -> new View(make.apply(code), ETags.of(RENDERING + ' ' + variant + ' ' + code.token())));
  }

  private QrCode symbol(IssuedCode code) {
    return symbols.get(code.token(), token -> QrCode.encode(code.qrText()));
  }
}
