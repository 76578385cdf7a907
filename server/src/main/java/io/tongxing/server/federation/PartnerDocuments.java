package io.tongxing.server.federation;

import com.nimbusds.jose.jwk.ECKey;
import io.tongxing.jose.SignedDataException;
import io.tongxing.server.checkpoint.PartnerStatusLists;
import io.tongxing.server.trust.TrustApi;
import io.tongxing.status.StatusList;
import io.tongxing.status.StatusListToken;
import io.tongxing.status.VerifiedStatusList;
import io.tongxing.trust.Issuer;
import io.tongxing.trust.TrustBundle;
import io.tongxing.trust.TrustStore;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The partners' signed documents this region keeps: each partner's trust bundle (its token keys and
 * where its status lists are) and its status lists. Fetched on a timer with {@code If-None-Match};
 * a new copy replaces the last good one only after its signature verified (the bundle with the
 * pinned trust key, each list with the bundle's keys). A partner that cannot be reached or sends
 * bad data changes nothing but {@code checked_at} and {@code last_error}: the age of the last good
 * copy grows, and checkpoints judge it by their policy.
 */
public final class PartnerDocuments {

  public static final String TRUST_BUNDLE = "trust-bundle";
  public static final String STATUS_LIST = "status-list/";
  private static final Logger LOG = LoggerFactory.getLogger(PartnerDocuments.class);
  /** A partner has few lists (2^20 tokens each); this bounds a runaway loop. */
  private static final int MAX_LISTS = 64;

  private final Pool pool;
  private final PartnerClient web;
  private final Partners partners;
  private final Provider provider;
  private final Clock clock;

  public PartnerDocuments(Pool pool, PartnerClient web, Partners partners, Provider provider, Clock clock) {
    this.pool = pool;
    this.web = web;
    this.partners = partners;
    this.provider = provider;
    this.clock = clock;
  }

  /** What one fetch of one partner did. */
  public record Fetch(String partner, boolean bundleChanged, int listsChanged, int listsNotModified, List<String> errors) {
    JsonObject toJson() {
      return new JsonObject().put("regionCode", partner).put("bundleChanged", bundleChanged)
        .put("listsChanged", listsChanged).put("listsNotModified", listsNotModified).put("errors", new JsonArray(errors));
    }
  }

  /**
   * Fetches every partner not ENDED, all at once, so a slow partner delays no other; failures are
   * recorded, never thrown.
   */
  public Future<List<Fetch>> fetchAll() {
    return partners.all(pool).compose(all -> {
      List<Future<Fetch>> fetches = new java.util.ArrayList<>();
      for (Partner partner : all) {
        if (partner.state() != Partner.State.ENDED) {
          fetches.add(fetch(partner));
        }
      }
      return Future.join(fetches).transform(done -> {
        List<Fetch> fetched = new java.util.ArrayList<>();
        fetches.stream().filter(Future::succeeded).forEach(f -> fetched.add(f.result()));
        return Future.succeededFuture(fetched);
      });
    });
  }

  /** Pins the partner's trust key if it is not yet: fetched, and kept only if it has the agreed thumbprint. */
  public Future<Partner> pinned(Partner partner) {
    if (partner.trustKey().isPresent()) {
      return Future.succeededFuture(partner);
    }
    return get(partner.url("/.well-known/tongxing-trust-key.json"), null).compose(response -> {
      if (response.status() != 200) {
        throw new IllegalStateException("trust key: HTTP " + response.status());
      }
      ECPublicKey key;
      try {
        key = ECKey.parse(response.body().toJsonObject().getJsonObject("jwk").getMap()).toECPublicKey();
      } catch (Exception e) {
        throw new IllegalStateException("trust key does not parse");
      }
      if (!TrustApi.thumbprint(key).equals(partner.thumbprint())) {
        throw new IllegalStateException("trust key thumbprint " + TrustApi.thumbprint(key) + " is not the agreed one");
      }
      JsonObject jwk = new JsonObject(new ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256, key).build().toJSONObject());
      return partners.pinTrustKey(pool, partner.id(), jwk).compose(v -> partners.byId(pool, partner.id()));
    });
  }

  /** One partner: trust key, trust bundle, then its status lists 1, 2, … until one does not exist. */
  public Future<Fetch> fetch(Partner partner) {
    List<String> errors = new java.util.ArrayList<>();
    int[] counts = new int[2];
    return pinned(partner)
      .compose(pinned -> fetchBundle(pinned, errors).compose(changed -> stored(pinned)
        .compose(store -> store.isEmpty() ? Future.succeededFuture(false)
          : fetchLists(pinned, store.get(), 1, counts, errors).map(changed))))
      .recover(e -> {
        errors.add(TRUST_BUNDLE + ": " + printable(e.getMessage()));
        LOG.warn("partner {} {}: {} (last good copy kept)", partner.region(), TRUST_BUNDLE, printable(e.getMessage()));
        return recordFailure(partner.id(), TRUST_BUNDLE, e.getMessage()).map(false);
      })
      .map(bundleChanged -> new Fetch(partner.region().value(), bundleChanged, counts[0], counts[1], errors));
  }

  /** The partner's trust store from its last good bundle, verified again with the pinned key. */
  public Future<Optional<TrustStore>> stored(Partner partner) {
    return document(pool, partner.id(), TRUST_BUNDLE).map(row -> row.flatMap(r -> {
      String body = r.getString("body");
      if (body == null || partner.trustKey().isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(TrustBundle.verify(body, List.of(partner.trustKey().get()), provider));
      } catch (SignedDataException e) {
        throw new IllegalStateException("stored trust bundle of " + partner.region() + " no longer verifies", e);
      }
    }));
  }

  /** The partner's own issuer entry in its bundle: its token keys and status-list base. */
  static Optional<Issuer> ownIssuer(Partner partner, TrustStore store) {
    return store.home().equals(partner.region()) ? store.issuer(partner.region()) : Optional.empty();
  }

  /** The last good copy of a partner's status list, to serve to devices. */
  public Future<Optional<Row>> statusList(SqlClient client, String region, long list) {
    return client.preparedQuery("select d.body, d.etag, d.ttl_seconds from partner_documents d join partners p on p.id = d.partner_id "
        + "where p.region_code = $1 and p.state = 'ACTIVE' and d.document = $2 and d.body is not null")
      .execute(Tuple.of(region, STATUS_LIST + list))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()));
  }

  /** Each document's age and last error, for the console. */
  public Future<JsonArray> describe(SqlClient client, UUID partnerId) {
    Instant now = clock.instant();
    return client.preparedQuery("select document, etag, fetched_at, changed_at, checked_at, last_error, ttl_seconds "
        + "from partner_documents where partner_id = $1 order by document")
      .execute(Tuple.of(partnerId))
      .map(rows -> {
        JsonArray documents = new JsonArray();
        for (Row row : rows) {
          OffsetDateTime fetched = row.getOffsetDateTime("fetched_at");
          documents.add(new JsonObject()
            .put("document", row.getString("document"))
            .put("fetchedAt", fetched == null ? null : fetched.toInstant().toString())
            .put("ageSeconds", fetched == null ? null : Duration.between(fetched.toInstant(), now).getSeconds())
            .put("checkedAt", row.getOffsetDateTime("checked_at").toInstant().toString())
            .put("lastError", row.getString("last_error")));
        }
        return documents;
      });
  }

  private Future<Boolean> fetchBundle(Partner partner, List<String> errors) {
    return document(pool, partner.id(), TRUST_BUNDLE).compose(stored -> {
      String etag = stored.map(r -> r.getString("etag")).orElse(null);
      return get(partner.url("/trust-bundle"), etag).compose(response -> {
        if (response.status() == 304 && stored.isPresent() && stored.get().getString("body") != null) {
          return confirm(partner.id(), TRUST_BUNDLE).map(false);
        }
        if (response.status() != 200) {
          return failed(partner, TRUST_BUNDLE, "HTTP " + response.status(), errors).map(false);
        }
        String body = response.body().toString(java.nio.charset.StandardCharsets.UTF_8);
        try {
          TrustStore store = TrustBundle.verify(body, List.of(partner.trustKey().orElseThrow()), provider);
          if (ownIssuer(partner, store).isEmpty()) {
            return failed(partner, TRUST_BUNDLE, "the bundle is not " + partner.region() + "'s own", errors).map(false);
          }
        } catch (SignedDataException e) {
          return failed(partner, TRUST_BUNDLE, refusal("trust bundle", e), errors).map(false);
        }
        return keep(partner.id(), TRUST_BUNDLE, body, response.header("ETag"), null, null);
      });
    });
  }

  /**
   * Lists 1, 2, … until the partner says one does not exist. A list that fails keeps its last good
   * copy and the walk goes on; a failing list this region has never held ends the walk unrecorded
   * (only the fetch's errors say it), so a partner answering garbage for every number cannot make
   * it keep a row for each.
   */
  private Future<Void> fetchLists(Partner partner, TrustStore store, long list, int[] counts, List<String> errors) {
    if (list > MAX_LISTS) {
      return Future.succeededFuture();
    }
    Issuer issuer = ownIssuer(partner, store).orElseThrow();
    String name = STATUS_LIST + list;
    return document(pool, partner.id(), name).compose(stored -> {
      boolean held = stored.isPresent() && stored.get().getString("body") != null;
      Function<String, Future<Boolean>> failure = error -> held
        ? failed(partner, name, error, errors).map(true)
        : neverHeld(partner, name, error, errors);
      return get(issuer.statusListUri(list), stored.map(r -> r.getString("etag")).orElse(null)).compose(response -> {
        if (response.status() == 404) {
          return Future.succeededFuture(false);
        }
        if (response.status() == 304 && held) {
          counts[1]++;
          return confirm(partner.id(), name).map(true);
        }
        if (response.status() != 200) {
          return failure.apply("HTTP " + response.status());
        }
        String body = response.body().toString(java.nio.charset.StandardCharsets.UTF_8);
        VerifiedStatusList verified;
        try {
          verified = StatusListToken.verify(body, store, provider);
        } catch (SignedDataException e) {
          return failure.apply(refusal("status list", e));
        }
        if (!verified.issuer().equals(partner.region()) || verified.listId() != list) {
          return failure.apply("status list " + verified.uri() + " is not " + name);
        }
        counts[0]++;
        return keep(partner.id(), name, body, response.header("ETag"),
          verified.timeToLive().map(Duration::getSeconds).orElse(null), contentDigest(verified.list())).map(true);
      }, unanswered -> failure.apply(unanswered.getMessage()).map(false));
    }).compose(more -> more ? fetchLists(partner, store, list + 1, counts, errors) : Future.succeededFuture());
  }

  /** Why a signed document was not kept, in words that tell a malformed or oversized answer from a bad signature. */
  static String refusal(String document, SignedDataException e) {
    return switch (e.problem()) {
      case MALFORMED, WRONG_TYPE -> document + " malformed: " + e.getMessage();
      case TOO_LARGE -> document + " too large: " + e.getMessage();
      default -> document + " refused: " + e.getMessage();
    };
  }

  private Future<PartnerClient.Answer> get(String url, String etag) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (etag != null) {
      headers.add("If-None-Match", etag);
    }
    return web.get(url, headers);
  }

  private Future<Optional<Row>> document(SqlClient client, UUID partnerId, String document) {
    return client.preparedQuery("select body, etag, fetched_at from partner_documents where partner_id = $1 and document = $2")
      .execute(Tuple.of(partnerId, document))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()));
  }

  /**
   * Keeps a verified copy. A status list also gets the digest of its statuses, and a new content
   * version (in the same statement, so no sync sees the one without the other) only if they changed.
   */
  private Future<Boolean> keep(UUID partnerId, String document, String body, String etag, Long ttl, String contentDigest) {
    OffsetDateTime now = now();
    return pool.preparedQuery("insert into partner_documents (partner_id, document, body, etag, ttl_seconds, fetched_at, changed_at, "
        + "checked_at, last_error, content_digest, content_version) values ($1, $2, $3, $4, $5, $6, $6, $6, null, $7, "
        + "case when $7::text is null then null else nextval('partner_list_versions') end) "
        + "on conflict (partner_id, document) do update set "
        + "changed_at = case when partner_documents.body is distinct from excluded.body then excluded.changed_at "
        + "else partner_documents.changed_at end, body = excluded.body, etag = excluded.etag, ttl_seconds = excluded.ttl_seconds, "
        + "fetched_at = excluded.fetched_at, checked_at = excluded.checked_at, last_error = null, "
        + "content_version = case when excluded.content_digest is null then null "
        + "when partner_documents.content_digest is distinct from excluded.content_digest "
        + "or partner_documents.content_version is null then nextval('partner_list_versions') "
        + "else partner_documents.content_version end, content_digest = excluded.content_digest")
      .execute(Tuple.of(partnerId, document, body, etag, ttl == null ? null : ttl.intValue(), now, contentDigest))
      .map(true);
  }

  /** What a list says, whenever it was signed: its width and its bits. */
  static String contentDigest(StatusList list) {
    try {
      java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
      sha.update((byte) list.bits());
      sha.update(list.bytes());
      return io.tongxing.jose.Base64Url.encode(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The last good copy of every status list of every ACTIVE partner that the trust bundle recognizes
   * (its inbound scope names a token kind), for checkpoint syncs.
   */
  public Future<List<PartnerStatusLists.PartnerList>> syncLists(SqlClient client) {
    return partners.all(client).compose(all -> client.query("select d.partner_id, d.document, d.body, d.content_version "
        + "from partner_documents d where d.body is not null and d.content_version is not null "
        + "and d.document like 'status-list/%'").execute()
      .map(rows -> {
        Map<UUID, Partner> recognized = new HashMap<>();
        for (Partner partner : all) {
          if (partner.state() == Partner.State.ACTIVE && partner.scope().inbound().recognizesTokens()) {
            recognized.put(partner.id(), partner);
          }
        }
        List<PartnerStatusLists.PartnerList> lists = new java.util.ArrayList<>();
        for (Row row : rows) {
          Partner partner = recognized.get(row.getUUID("partner_id"));
          if (partner != null) {
            lists.add(new PartnerStatusLists.PartnerList(partner.region(),
              Long.parseLong(row.getString("document").substring(STATUS_LIST.length())), row.getLong("content_version"),
              row.getString("body")));
          }
        }
        lists.sort(java.util.Comparator.comparing((PartnerStatusLists.PartnerList l) -> l.issuer().value())
          .thenComparingLong(PartnerStatusLists.PartnerList::list));
        return lists;
      }));
  }

  private Future<Void> confirm(UUID partnerId, String document) {
    return pool.preparedQuery("update partner_documents set fetched_at = $3, checked_at = $3, last_error = null "
        + "where partner_id = $1 and document = $2")
      .execute(Tuple.of(partnerId, document, now()))
      .mapEmpty();
  }

  /** A list this region never held is refused without a row of its own, but not without a word in the log. */
  private static Future<Boolean> neverHeld(Partner partner, String document, String error, List<String> errors) {
    LOG.warn("partner {} {}: {} (never held: nothing kept, the walk ends here)", partner.region(), document, printable(error));
    errors.add(document + ": " + printable(error));
    return Future.succeededFuture(false);
  }

  private Future<Void> failed(Partner partner, String document, String error, List<String> errors) {
    LOG.warn("partner {} {}: {} (last good copy kept)", partner.region(), document, printable(error));
    errors.add(document + ": " + printable(error));
    return recordFailure(partner.id(), document, error);
  }

  private Future<Void> recordFailure(UUID partnerId, String document, String error) {
    return pool.preparedQuery("insert into partner_documents (partner_id, document, checked_at, last_error) values ($1, $2, $3, $4) "
        + "on conflict (partner_id, document) do update set checked_at = excluded.checked_at, last_error = excluded.last_error")
      .execute(Tuple.of(partnerId, document, now(), printable(error)))
      .mapEmpty();
  }

  /** An error may quote what the partner sent: keep it short and printable (PostgreSQL text refuses NUL). */
  static String printable(String error) {
    String text = error == null ? "failed" : error.replaceAll("\\p{Cntrl}", "?");
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

}
