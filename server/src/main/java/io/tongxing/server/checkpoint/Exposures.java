package io.tongxing.server.checkpoint;

import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.colour.ColourOutcome;
import io.tongxing.server.colour.ColourService;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.InputBounds;
import io.tongxing.server.http.Principal;
import io.tongxing.server.person.Persons;
import io.tongxing.server.rules.Flag;
import io.tongxing.token.RegionCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Exposure queries: for a confirmed case, who passed the same checkpoints within ±T minutes of the
 * case? The answer lists pseudonyms and their issuers (what the scan records hold); for this
 * region's own residents it also names the person, and one further call flags them all as close
 * contacts through the ordinary person-flag path (their codes turn red, earlier codes are revoked).
 * Every query and every flagging is audited with its reason; queries are kept with their answer,
 * so the flagging acts on what the admin saw.
 */
public final class Exposures {

  /** At most this many nearby scans are read for one query; a query that finds more must be narrowed. */
  static final int MAX_NEARBY_SCANS = 20_000;
  static final int MAX_CASE_PASSAGES = 1_000;
  static final int MAX_FLAGGED_AT_ONCE = 1_000;
  /** A record is received no earlier than this before its scan time (a device clock up to a day fast). */
  private static final Duration RECEIPT_BEFORE_SCAN = Duration.ofDays(1);
  /** How far another node's clock, which stamped a record's receipt, may run ahead of this one's. */
  private static final Duration OTHER_NODE_AHEAD = Duration.ofMinutes(10);
  /** Minutes of receipt one query looks in (about 69 days): one index descent each. */
  private static final int MAX_MINUTES = 100_000;

  private final Pool pool;
  private final Persons persons;
  private final ColourService colours;
  private final AuditLog audit;
  private final RegionCode home;
  private final Clock clock;
  private final Duration lookback;

  public Exposures(Pool pool, Persons persons, ColourService colours, AuditLog audit, RegionCode home, Clock clock,
                   Duration lookback) {
    this.pool = pool;
    this.persons = persons;
    this.colours = colours;
    this.audit = audit;
    this.home = home;
    this.clock = clock;
    this.lookback = lookback;
  }

  /** The case: whose passages to look at. */
  private record Case(String issuer, String subject, UUID person) {
  }

  private record Passage(String checkpointId, Instant at) {
  }

  public Future<JsonObject> query(Principal admin, JsonObject body) {
    String reason = body.getString("reason").trim();
    int window = body.getInteger("windowMinutes");
    Instant now = clock.instant();
    Instant since = time(body.getString("since"), now.minus(lookback), "since");
    Instant until = time(body.getString("until"), now, "until");
    if (!since.isBefore(until)) {
      throw ApiException.invalidField("UNTIL_NOT_AFTER_SINCE", "until");
    }
    return resolveCase(body.getJsonObject("case")).compose(found -> pool.withTransaction(tx ->
      passages(tx, found, since, until, now).compose(passages -> nearby(tx, found, passages, window)
        .compose(contacts -> unattributed(tx, passages, window).compose(unattributed -> store(tx, admin, reason, found,
          window, since, until, passages, contacts, unattributed, now))))));
  }

  /** Flags the query's own-region contacts (all, or those named) as close contacts, in one transaction. */
  public Future<JsonObject> flagCloseContacts(Principal admin, long queryId, JsonObject body) {
    String reason = body.getString("reason").trim();
    JsonArray only = body.getJsonArray("subjects");
    Set<String> subjects = new HashSet<>();
    if (only != null) {
      only.forEach(subject -> subjects.add((String) subject));
    }
    List<ColourOutcome> outcomes = new ArrayList<>();
    return pool.withTransaction(tx -> tx.preparedQuery("select id from exposure_queries where id = $1 for update")
        .execute(Tuple.of(queryId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiException.notFound("EXPOSURE_QUERY_NOT_FOUND"))
          : tx.preparedQuery("select issuer, subject, person_id, first_at, flagged_at from exposure_contacts "
              + "where query_id = $1 order by person_id, subject").execute(Tuple.of(queryId)))
        .compose(rows -> {
          List<Row> toFlag = new ArrayList<>();
          int already = 0;
          int notOwn = 0;
          for (Row row : rows) {
            if (!subjects.isEmpty() && !subjects.contains(row.getString("subject"))) {
              continue;
            }
            if (row.getUUID("person_id") == null) {
              notOwn++;
            } else if (row.getOffsetDateTime("flagged_at") != null) {
              already++;
            } else {
              toFlag.add(row);
            }
          }
          if (toFlag.size() > MAX_FLAGGED_AT_ONCE) {
            return Future.failedFuture(ApiException.conflict("TOO_MANY_CONTACTS_AT_ONCE", "subjects"));
          }
          JsonArray flagged = new JsonArray();
          Future<Void> chain = Future.succeededFuture();
          // One person after the other, in a fixed order, so two flaggings cannot deadlock each other.
          for (Row row : toFlag) {
            UUID person = row.getUUID("person_id");
            Instant exposure = row.getOffsetDateTime("first_at").toInstant();
            chain = chain.compose(v -> persons.flagIn(tx, admin, person, Flag.CLOSE_CONTACT, reason, exposure,
                new JsonObject().put("exposureQueryId", queryId))
              .compose(outcome -> {
                outcomes.add(outcome);
                flagged.add(new JsonObject().put("personId", person.toString()).put("subject", row.getString("subject"))
                  .put("exposedAt", exposure.toString()).put("colour", outcome.decision().colour().name()));
                return tx.preparedQuery("update exposure_contacts set flagged_at = $4 where query_id = $1 and issuer = $2 "
                    + "and subject = $3").execute(Tuple.of(queryId, row.getString("issuer"), row.getString("subject"),
                    Checkpoints.at(clock.instant())))
                  .mapEmpty();
              }));
          }
          int alreadyFlagged = already;
          int otherRegions = notOwn;
          return chain
            .compose(v -> audit.append(tx, AuditEntry.by(admin, "exposure.close_contacts_flagged", "exposure-query",
              Long.toString(queryId), reason, new JsonObject().put("flagged", flagged.size())
                .put("alreadyFlagged", alreadyFlagged).put("otherRegions", otherRegions))))
            .map(v -> new JsonObject().put("queryId", queryId).put("flagged", flagged)
              .put("alreadyFlagged", alreadyFlagged).put("otherRegions", otherRegions));
        }))
      .onSuccess(v -> outcomes.forEach(colours::published));
  }

  private Future<Case> resolveCase(JsonObject json) {
    if (json.containsKey("personId")) {
      UUID person;
      try {
        person = UUID.fromString(json.getString("personId"));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalidField("VALIDATION_FAILED", "case.personId");
      }
      return pool.preparedQuery("select pseudonym from residents where account_id = $1").execute(Tuple.of(person))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiException.notFound("PERSON_NOT_FOUND"))
          : requireCase(new Case(home.value(), rows.iterator().next().getString("pseudonym"), person)));
    }
    String issuer = json.getString("issuer");
    String subject = json.getString("subject");
    if (!home.value().equals(issuer)) {
      // A partner's resident: the partner confirmed the case; its notice arrives with federation.
      return Future.succeededFuture(new Case(issuer, subject, null));
    }
    return pool.preparedQuery("select account_id from residents where pseudonym = $1").execute(Tuple.of(subject))
      .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiException.notFound("PERSON_NOT_FOUND"))
        : requireCase(new Case(issuer, subject, rows.iterator().next().getUUID("account_id"))));
  }

  /** Only a case under treatment (confirmed, suspected, asymptomatic) justifies looking at who was near them. */
  private Future<Case> requireCase(Case found) {
    return pool.preparedQuery("select flag from person_flags where account_id = $1 and effective_at <= $2 "
        + "order by effective_at desc, id desc limit 1").execute(Tuple.of(found.person(), Checkpoints.at(clock.instant())))
      .compose(rows -> rows.size() == 1 && Flag.CASES.contains(Flag.valueOf(rows.iterator().next().getString("flag")))
        ? Future.succeededFuture(found)
        : Future.failedFuture(ApiException.conflict("NOT_A_CASE", "case")));
  }

  /** A record's minute of receipt: the leading key of the subject index (V33). */
  static int minute(Instant at) {
    return (int) Math.floorDiv(at.getEpochSecond(), 60);
  }

  /**
   * The case's passages: the pseudonym looked up in each minute in which a record scanned in
   * [since, until] can have been received (from a day before {@code since} until now, and a little
   * after, for a node whose clock runs ahead).
   */
  private Future<List<Passage>> passages(SqlClient tx, Case found, Instant since, Instant until, Instant now) {
    int first = minute(since.minus(RECEIPT_BEFORE_SCAN));
    int last = minute(now.plus(OTHER_NODE_AHEAD));
    if (last - first + 1 > MAX_MINUTES) {
      throw ApiException.invalidField("EXPOSURE_QUERY_TOO_BROAD", "since");
    }
    Integer[] minutes = new Integer[Math.max(0, last - first + 1)];
    for (int i = 0; i < minutes.length; i++) {
      minutes[i] = first + i;
    }
    return tx.preparedQuery("select checkpoint_id, scanned_at from scan_records where received_minute = any($5) "
        + "and subject = $1 and issuer = $2 and scanned_at >= $3 and scanned_at <= $4 order by scanned_at limit "
        + (MAX_CASE_PASSAGES + 1))
      .execute(Tuple.of(found.subject(), found.issuer(), Checkpoints.at(since), Checkpoints.at(until), minutes))
      .map(rows -> {
        if (rows.size() > MAX_CASE_PASSAGES) {
          throw ApiException.invalidField("EXPOSURE_QUERY_TOO_BROAD", "since");
        }
        List<Passage> passages = new ArrayList<>();
        for (Row row : rows) {
          passages.add(new Passage(row.getString("checkpoint_id"), row.getOffsetDateTime("scanned_at").toInstant()));
        }
        return passages;
      });
  }

  /** Attributed scans near the case's passages, grouped by holder (issuer and pseudonym). */
  private Future<Map<String, JsonObject>> nearby(SqlClient tx, Case found, List<Passage> passages, int window) {
    Map<String, JsonObject> contacts = new LinkedHashMap<>();
    if (passages.isEmpty()) {
      return Future.succeededFuture(contacts);
    }
    return tx.preparedQuery("select r.issuer, r.subject, r.checkpoint_id, r.scanned_at, r.outcome, c.scanned_at as case_at "
        + "from unnest($1::text[], $2::timestamptz[]) as c(checkpoint_id, scanned_at) "
        + "join scan_records r on r.checkpoint_id = c.checkpoint_id "
        + " and r.scanned_at between c.scanned_at - make_interval(mins => $3) and c.scanned_at + make_interval(mins => $3) "
        + "where r.subject is not null and not (r.issuer = $4 and r.subject = $5) "
        + "order by r.scanned_at limit " + (MAX_NEARBY_SCANS + 1))
      .execute(Tuple.of(checkpointIds(passages), times(passages), window, found.issuer(), found.subject()))
      .compose(rows -> {
        if (rows.size() > MAX_NEARBY_SCANS) {
          return Future.failedFuture(ApiException.invalidField("EXPOSURE_QUERY_TOO_BROAD", "windowMinutes"));
        }
        for (Row row : rows) {
          String issuer = row.getString("issuer");
          String subject = row.getString("subject");
          Instant at = row.getOffsetDateTime("scanned_at").toInstant();
          Instant caseAt = row.getOffsetDateTime("case_at").toInstant();
          JsonObject contact = contacts.computeIfAbsent(issuer + "/" + subject, key -> new JsonObject()
            .put("issuer", issuer).put("subject", subject).put("ownRegion", home.value().equals(issuer))
            .put("personId", (String) null).put("firstAt", at.toString()).put("passages", new JsonArray()));
          JsonArray seen = contact.getJsonArray("passages");
          JsonObject passage = new JsonObject().put("checkpointId", row.getString("checkpoint_id")).put("at", at.toString())
            .put("outcome", row.getString("outcome")).put("minutesFromCase", Duration.between(caseAt, at).toMinutes());
          if (!seen.contains(passage)) {
            seen.add(passage);
          }
        }
        List<String> own = new ArrayList<>();
        contacts.values().forEach(c -> {
          if (c.getBoolean("ownRegion")) {
            own.add(c.getString("subject"));
          }
        });
        if (own.isEmpty()) {
          return Future.succeededFuture(contacts);
        }
        return tx.preparedQuery("select account_id, pseudonym from residents where pseudonym = any($1)")
          .execute(Tuple.of(own.toArray(new String[0])))
          .map(people -> {
            for (Row person : people) {
              contacts.get(home.value() + "/" + person.getString("pseudonym"))
                .put("personId", person.getUUID("account_id").toString());
            }
            return contacts;
          });
      });
  }

  /** Scans near the case that name nobody (the token's signature did not verify): counted, so the admin knows. */
  private Future<Long> unattributed(SqlClient tx, List<Passage> passages, int window) {
    if (passages.isEmpty()) {
      return Future.succeededFuture(0L);
    }
    return tx.preparedQuery("select count(*) from unnest($1::text[], $2::timestamptz[]) as c(checkpoint_id, scanned_at) "
        + "join scan_records r on r.checkpoint_id = c.checkpoint_id "
        + " and r.scanned_at between c.scanned_at - make_interval(mins => $3) and c.scanned_at + make_interval(mins => $3) "
        + "where r.subject is null")
      .execute(Tuple.of(checkpointIds(passages), times(passages), window))
      .map(rows -> rows.iterator().next().getLong(0));
  }

  private Future<JsonObject> store(SqlConnection tx, Principal admin, String reason, Case found, int window,
                                   Instant since, Instant until, List<Passage> passages, Map<String, JsonObject> contacts,
                                   long unattributed, Instant now) {
    JsonArray casePassages = new JsonArray();
    passages.forEach(p -> casePassages.add(new JsonObject().put("checkpointId", p.checkpointId()).put("at", p.at().toString())));
    return tx.preparedQuery("insert into exposure_queries (asked_at, asked_by, reason, case_issuer, case_subject, case_person, "
          + "window_minutes, since, until, passages) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id")
      .execute(Tuple.from(new Object[] {Checkpoints.at(now), admin.accountId(), reason, found.issuer(), found.subject(),
        found.person(), window, Checkpoints.at(since), Checkpoints.at(until), casePassages}))
      .compose(rows -> {
        long id = rows.iterator().next().getLong("id");
        List<Tuple> batch = new ArrayList<>();
        for (JsonObject contact : contacts.values()) {
          batch.add(Tuple.of(id, contact.getString("issuer"), contact.getString("subject"),
            contact.getString("personId") == null ? null : UUID.fromString(contact.getString("personId")),
            Checkpoints.at(Instant.parse(contact.getString("firstAt"))), contact.getJsonArray("passages")));
        }
        Future<Void> inserted = batch.isEmpty() ? Future.succeededFuture()
          : tx.preparedQuery("insert into exposure_contacts (query_id, issuer, subject, person_id, first_at, passages) "
            + "values ($1, $2, $3, $4, $5, $6)").executeBatch(batch).mapEmpty();
        JsonObject caseJson = new JsonObject().put("issuer", found.issuer()).put("subject", found.subject())
          .put("personId", found.person() == null ? null : found.person().toString());
        return inserted
          .compose(v -> audit.append(tx, AuditEntry.by(admin, "exposure.queried", "exposure-query", Long.toString(id), reason,
            new JsonObject().put("case", caseJson).put("windowMinutes", window).put("since", since.toString())
              .put("until", until.toString()).put("casePassages", passages.size()).put("contacts", contacts.size()))))
          .map(v -> new JsonObject()
            .put("queryId", id)
            .put("askedAt", now.toString())
            .put("case", caseJson)
            .put("windowMinutes", window)
            .put("since", since.toString())
            .put("until", until.toString())
            .put("casePassages", casePassages)
            .put("contacts", new JsonArray(new ArrayList<>(contacts.values())))
            .put("unattributedScans", unattributed));
      });
  }

  private static String[] checkpointIds(List<Passage> passages) {
    return passages.stream().map(Passage::checkpointId).toArray(String[]::new);
  }

  private static OffsetDateTime[] times(List<Passage> passages) {
    return passages.stream().map(p -> Checkpoints.at(p.at())).toArray(OffsetDateTime[]::new);
  }

  private static Instant time(String text, Instant otherwise, String field) {
    if (text == null) {
      return otherwise;
    }
    return InputBounds.instant(text, field);
  }
}
