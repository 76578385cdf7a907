package io.tongxing.server.checkin;

import io.tongxing.identity.RegionCodes;
import io.tongxing.server.audit.AuditEntry;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.colour.ColourOutcome;
import io.tongxing.server.colour.ColourService;
import io.tongxing.server.healthcode.HealthCodes;
import io.tongxing.server.healthcode.IssuedCode;
import io.tongxing.server.http.ApiException;
import io.tongxing.server.http.Principal;
import io.tongxing.server.rules.Symptom;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The daily check-in: temperature, symptoms and the counties visited in the last 14 days. One per
 * resident and day (in the region's time zone); the colour is recomputed in the same transaction.
 */
public final class CheckIns {

  static final int VISIT_WINDOW_DAYS = 14;

  private final Pool pool;
  private final ColourService colours;
  private final HealthCodes healthCodes;
  private final Clock clock;
  private final ZoneId zone;
  private final AuditLog audit;
  private final CheckInBatcher<Job, JsonObject> batcher;

  /**
   * @param singleConnections 0: group commit (one PostgreSQL); otherwise one check-in a transaction,
   *   this many at once (Citus, {@link CheckInBatcher#single})
   */
  public CheckIns(Pool pool, ColourService colours, HealthCodes healthCodes, AuditLog audit, Clock clock, ZoneId zone,
                  int singleConnections) {
    this.audit = audit;
    this.pool = pool;
    this.colours = colours;
    this.healthCodes = healthCodes;
    this.clock = clock;
    this.zone = zone;
    this.batcher = singleConnections > 0 ? CheckInBatcher.single(this::write, singleConnections) : new CheckInBatcher<>(this::write);
  }

  /**
   * Stores today's check-in, recomputes the colour and answers with a fresh health code. Input is
   * checked here; the writing goes through {@link CheckInBatcher}, which under load writes many
   * check-ins in one transaction.
   */
  public Future<JsonObject> submit(Principal resident, JsonObject body) {
    return submitFor(resident.accountId(), body, null);
  }

  /**
   * Today's check-in for {@code account} made by someone else — a guardian for a family member — with
   * {@code audit} written in the same transaction as the check-in.
   */
  public Future<JsonObject> submitFor(UUID account, JsonObject body, AuditEntry audit) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    BigDecimal temperature = new BigDecimal(String.valueOf(body.getValue("temperature"))).setScale(1, RoundingMode.HALF_UP);
    Set<Symptom> symptoms = symptoms(body.getJsonArray("symptoms"));
    List<Object[]> visits = visits(body.getJsonArray("visits", new JsonArray()), today);
    return batcher.submit(new Job(account, today, temperature, symptoms, visits, audit));
  }

  /** A check-in that passed validation, waiting to be written. */
  record Job(UUID account, LocalDate day, BigDecimal temperature, Set<Symptom> symptoms, List<Object[]> visits,
             AuditEntry audit) {
  }

  /**
   * Writes a batch in one transaction: residents locked in a fixed order (no deadlocks between
   * batches), the check-ins inserted together, colours recomputed together, and codes issued together.
   * A resident who has already checked in today, or appears twice, fails alone with 409.
   */
  private Future<List<CheckInBatcher.Outcome<JsonObject>>> write(List<Job> jobs) {
    List<CheckInBatcher.Outcome<JsonObject>> outcomes = new ArrayList<>();
    jobs.forEach(job -> outcomes.add(null));
    LocalDate today = jobs.get(0).day();
    return pool.withTransaction(tx -> admit(tx, jobs, today).compose(admission -> {
      admission.refused().forEach((i, refusal) -> outcomes.set(i, CheckInBatcher.Outcome.failed(refusal)));
      List<Job> stored = new ArrayList<>();
      admission.accepted().forEach(i -> stored.add(jobs.get(i)));
      if (stored.isEmpty()) {
        return Future.succeededFuture(List.<Result>of());
      }
      List<UUID> accounts = new ArrayList<>();
      stored.forEach(job -> accounts.add(job.account()));
      return insert(tx, stored)
        .compose(ids -> audited(tx, stored).map(ids))
        .compose(ids -> colours.refreshLockedIn(tx, accounts, "check-in")
          .compose(colourOutcomes -> codes(tx, colourOutcomes).map(codes -> {
            List<Result> results = new ArrayList<>();
            for (UUID account : accounts) {
              results.add(new Result(ids.get(account), today, colourOutcomes.get(account), codes.get(account)));
            }
            return results;
          })));
    }).map(results -> {
      int k = 0;
      for (int i = 0; i < jobs.size(); i++) {
        if (outcomes.get(i) == null) {
          Result result = results.get(k++);
          colours.published(result.outcome());
          outcomes.set(i, CheckInBatcher.Outcome.of(result.toJson()));
        }
      }
      return outcomes;
    }));
  }

  private record Result(long id, LocalDate day, ColourOutcome outcome, IssuedCode code) {
    JsonObject toJson() {
      return new JsonObject()
        .put("id", id)
        .put("day", day.toString())
        .put("colour", outcome.decision().colour().name())
        .put("ruleId", outcome.decision().ruleId())
        .put("ruleVersion", outcome.decision().ruleVersion())
        .put("healthCode", code.toJson());
    }
  }

  /** Which jobs of a batch may be stored (by position), and why the others may not. */
  private record Admission(List<Integer> accepted, Map<Integer, ApiException> refused) {
  }

  /**
   * Locks the batch's residents, in account order so that batches never deadlock, and admits each
   * resident's first job of the batch unless the resident has checked in today already.
   */
  private Future<Admission> admit(SqlConnection tx, List<Job> jobs, LocalDate today) {
    UUID[] accounts = jobs.stream().map(Job::account).distinct().sorted().toArray(UUID[]::new);
    // The lock alone, then today's check-ins: Citus locks rows only in a statement that reads one table.
    return tx.preparedQuery("select account_id from residents where account_id = any($1) order by account_id for no key update")
      .execute(Tuple.of(accounts))
      .compose(locked -> tx.preparedQuery("select account_id from check_ins where account_id = any($1) and day = $2")
        .execute(Tuple.of(accounts, today))
        .map(done -> {
          Map<UUID, Boolean> checkedIn = new HashMap<>();
          locked.forEach(row -> checkedIn.put(row.getUUID("account_id"), false));
          done.forEach(row -> checkedIn.put(row.getUUID("account_id"), true));
          return checkedIn;
        }))
      .map(checkedIn -> {
        List<Integer> accepted = new ArrayList<>();
        Map<Integer, ApiException> refused = new HashMap<>();
        Set<UUID> admitted = new HashSet<>();
        for (int i = 0; i < jobs.size(); i++) {
          UUID account = jobs.get(i).account();
          if (!checkedIn.containsKey(account)) {
            refused.put(i, ApiException.notFound("PERSON_NOT_FOUND"));
          } else if (checkedIn.get(account) || !admitted.add(account)) {
            refused.put(i, ApiException.conflict("ALREADY_CHECKED_IN_TODAY", "day"));
          } else {
            accepted.add(i);
          }
        }
        return new Admission(accepted, refused);
      });
  }

  /** The audit rows of check-ins made for someone else; none for a resident's own. */
  private Future<Void> audited(SqlConnection tx, List<Job> jobs) {
    Future<Void> chain = Future.succeededFuture();
    for (Job job : jobs) {
      if (job.audit() != null) {
        chain = chain.compose(v -> audit.append(tx, job.audit()));
      }
    }
    return chain;
  }

  /** The check-ins and their visits, two statements for the whole batch; the check-in id of each resident. */
  private Future<Map<UUID, Long>> insert(SqlConnection tx, List<Job> jobs) {
    int n = jobs.size();
    UUID[] accounts = new UUID[n];
    LocalDate[] days = new LocalDate[n];
    BigDecimal[] temperatures = new BigDecimal[n];
    String[] symptoms = new String[n];
    for (int i = 0; i < n; i++) {
      Job job = jobs.get(i);
      accounts[i] = job.account();
      days[i] = job.day();
      temperatures[i] = job.temperature();
      symptoms[i] = String.join(",", job.symptoms().stream().map(Enum::name).toArray(String[]::new));
    }
    return tx.preparedQuery("insert into check_ins (account_id, day, submitted_at, temperature, symptoms) "
        + "select c.account_id, c.day, $5, c.temperature, string_to_array(c.symptoms, ',') "
        + "from unnest($1::uuid[], $2::date[], $3::numeric[], $4::text[]) as c (account_id, day, temperature, symptoms) "
        + "returning id, account_id")
      .execute(Tuple.of(accounts, days, temperatures, symptoms, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
      .compose(rows -> {
        Map<UUID, Long> ids = new HashMap<>();
        rows.forEach(row -> ids.put(row.getUUID("account_id"), row.getLong("id")));
        List<Long> visitCheckIns = new ArrayList<>();
        List<UUID> visitors = new ArrayList<>();
        List<String> counties = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        for (Job job : jobs) {
          for (Object[] visit : job.visits()) {
            visitCheckIns.add(ids.get(job.account()));
            visitors.add(job.account());
            counties.add((String) visit[0]);
            dates.add((LocalDate) visit[1]);
          }
        }
        if (visitCheckIns.isEmpty()) {
          return Future.succeededFuture(ids);
        }
        return tx.preparedQuery("insert into check_in_visits (check_in_id, account_id, county_code, visited_on) "
            + "select * from unnest($1::bigint[], $2::uuid[], $3::text[], $4::date[])")
          .execute(Tuple.of(visitCheckIns.toArray(new Long[0]), visitors.toArray(new UUID[0]), counties.toArray(new String[0]),
            dates.toArray(new LocalDate[0])))
          .map(ids);
      });
  }

  /** A code for each resident: the one a colour change has just issued, or a new one of the colour it kept. */
  private Future<Map<UUID, IssuedCode>> codes(SqlConnection tx, Map<UUID, ColourOutcome> outcomes) {
    Map<UUID, io.tongxing.server.rules.Colour> unchanged = new LinkedHashMap<>();
    List<UUID> changed = new ArrayList<>();
    outcomes.forEach((account, outcome) -> {
      if (outcome.change().isPresent()) {
        changed.add(account);
      } else {
        unchanged.put(account, outcome.decision().colour());
      }
    });
    Future<Map<UUID, IssuedCode>> issued = unchanged.isEmpty()
      ? Future.succeededFuture(new HashMap<>())
      : healthCodes.issueAllIn(tx, unchanged, "check-in").map(HashMap::new);
    for (UUID account : changed) {
      issued = issued.compose(codes -> healthCodes.latestIn(tx, account).map(code -> {
        codes.put(account, code);
        return codes;
      }));
    }
    return issued;
  }

  public Future<JsonArray> recent(Principal resident) {
    LocalDate since = LocalDate.ofInstant(clock.instant(), zone).minusDays(VISIT_WINDOW_DAYS);
    return pool.preparedQuery("select c.id, c.day, c.temperature, c.symptoms, v.county_code, v.visited_on from check_ins c "
        + "left join check_in_visits v on v.account_id = c.account_id and v.check_in_id = c.id "
        + "where c.account_id = $1 and c.day >= $2 "
        + "order by c.day desc, v.visited_on")
      .execute(Tuple.of(resident.accountId(), since))
      .map(rows -> {
        Map<Long, JsonObject> byId = new LinkedHashMap<>();
        for (Row row : rows) {
          JsonObject checkIn = byId.computeIfAbsent(row.getLong("id"), id -> new JsonObject()
            .put("id", id)
            .put("day", row.getLocalDate("day").toString())
            .put("temperature", row.getBigDecimal("temperature").doubleValue())
            .put("symptoms", new JsonArray(List.of((Object[]) row.getArrayOfStrings("symptoms"))))
            .put("visits", new JsonArray()));
          if (row.getString("county_code") != null) {
            checkIn.getJsonArray("visits").add(new JsonObject()
              .put("countyCode", row.getString("county_code"))
              .put("date", row.getLocalDate("visited_on").toString()));
          }
        }
        return new JsonArray(new ArrayList<>(byId.values()));
      });
  }

  private static Set<Symptom> symptoms(JsonArray names) {
    Set<Symptom> symptoms = EnumSet.noneOf(Symptom.class);
    names.forEach(name -> symptoms.add(Symptom.valueOf(String.valueOf(name))));
    if (symptoms.contains(Symptom.NONE) && symptoms.size() > 1) {
      throw ApiException.invalidField("INVALID_SYMPTOMS", "symptoms");
    }
    symptoms.remove(Symptom.NONE);
    return symptoms;
  }

  /** Each visit as {county, date}; duplicates collapse. */
  private static List<Object[]> visits(JsonArray raw, LocalDate today) {
    Map<String, Object[]> unique = new LinkedHashMap<>();
    for (int i = 0; i < raw.size(); i++) {
      JsonObject visit = raw.getJsonObject(i);
      String county = visit.getString("countyCode");
      if (!RegionCodes.isCounty(county)) {
        throw ApiException.invalidField("INVALID_COUNTY_CODE", "visits[" + i + "].countyCode");
      }
      LocalDate date;
      try {
        date = LocalDate.parse(visit.getString("date"));
      } catch (DateTimeParseException e) {
        throw ApiException.invalidField("INVALID_DATE", "visits[" + i + "].date");
      }
      if (date.isAfter(today) || date.isBefore(today.minusDays(VISIT_WINDOW_DAYS))) {
        throw ApiException.invalidField("INVALID_VISIT_DATE", "visits[" + i + "].date");
      }
      unique.put(county + date, new Object[] {county, date});
    }
    return new ArrayList<>(unique.values());
  }
}
