package io.tongxing.server.rules;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes a person's colour from facts, a rule set and the time: a pure function, no database.
 *
 * <p>Every rule yields a finding with an anchor day (the exposure, the release, the fever). A
 * finding ends when the person has {@code recoveryDays} consecutive normal daily check-ins after
 * its anchor; travel findings also end when their {@code windowDays} have passed. Case flags end
 * only with a release. The worst colour wins; among equals, the finding that lasts longest decides.
 */
public final class RulesEngine {

  private RulesEngine() {
  }

  public static ColourDecision decide(Facts facts, RuleSet rules, Clock clock, ZoneId zone) {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, zone);
    Evaluation evaluation = new Evaluation(facts, rules, now, today, zone);
    List<Finding> findings = new ArrayList<>();
    evaluation.flagFindings(findings);
    evaluation.travelFinding(RuleId.HIGH_RISK_TRAVEL, RiskLevel.HIGH).ifPresent(findings::add);
    evaluation.travelFinding(RuleId.MEDIUM_RISK_TRAVEL, RiskLevel.MEDIUM).ifPresent(findings::add);
    evaluation.symptomFinding().ifPresent(findings::add);

    Optional<Finding> decisive = findings.stream().max(Comparator
      .comparing(Finding::colour)
      .thenComparing(f -> f.greenFrom() == null ? LocalDate.MAX : f.greenFrom()));
    if (decisive.isEmpty()) {
      return new ColourDecision(Colour.GREEN, RuleId.NO_FINDING, rules.version(), findings, today, null);
    }
    boolean awaitsRelease = findings.stream().anyMatch(f -> f.greenFrom() == null);
    LocalDate greenFrom = awaitsRelease ? null
      : findings.stream().map(Finding::greenFrom).max(Comparator.naturalOrder()).orElse(null);
    Finding winner = decisive.get();
    return new ColourDecision(winner.colour(), winner.rule().id(), rules.version(), findings, today, greenFrom);
  }

  /** The state of one evaluation: facts indexed by day, and the current flag. */
  private static final class Evaluation {
    private final Facts facts;
    private final RuleSet rules;
    private final Instant now;
    private final LocalDate today;
    private final ZoneId zone;
    private final Map<LocalDate, Facts.CheckIn> checkInsByDay = new HashMap<>();

    Evaluation(Facts facts, RuleSet rules, Instant now, LocalDate today, ZoneId zone) {
      this.facts = facts;
      this.rules = rules;
      this.now = now;
      this.today = today;
      this.zone = zone;
      facts.checkIns().forEach(c -> checkInsByDay.put(c.day(), c));
    }

    void flagFindings(List<Finding> findings) {
      List<Facts.FlagEvent> effective = facts.flags().stream()
        .filter(f -> !f.effectiveAt().isAfter(now))
        .sorted(Comparator.comparing(Facts.FlagEvent::effectiveAt))
        .toList();
      if (effective.isEmpty()) {
        return;
      }
      Facts.FlagEvent current = effective.get(effective.size() - 1);
      LocalDate since = LocalDate.ofInstant(current.effectiveAt(), zone);
      JsonObject flagFacts = new JsonObject().put("flag", current.flag().name()).put("since", since.toString());
      if (Flag.CASES.contains(current.flag())) {
        RuleSet.Parameters p = rules.parameters(RuleId.CASE_UNDER_TREATMENT);
        if (p.enabled()) {
          findings.add(new Finding(RuleId.CASE_UNDER_TREATMENT, p.colour(), p.toJson(RuleId.CASE_UNDER_TREATMENT),
            flagFacts, null));
        }
      } else if (current.flag() == Flag.CLOSE_CONTACT) {
        recoveringFinding(RuleId.CLOSE_CONTACT, since, flagFacts, null).ifPresent(findings::add);
      } else if (current.flag() == Flag.SECONDARY_CONTACT) {
        recoveringFinding(RuleId.SECONDARY_CONTACT, since, flagFacts, null).ifPresent(findings::add);
      } else if (current.flag() == Flag.RELEASED && effective.size() > 1
        && Flag.CASES.contains(effective.get(effective.size() - 2).flag())) {
        flagFacts.put("previousFlag", effective.get(effective.size() - 2).flag().name());
        recoveringFinding(RuleId.RELEASED_HOME_OBSERVATION, since, flagFacts, null).ifPresent(findings::add);
      }
    }

    Optional<Finding> travelFinding(RuleId rule, RiskLevel level) {
      RuleSet.Parameters p = rules.parameters(rule);
      if (!p.enabled()) {
        return Optional.empty();
      }
      Facts.Visit latest = null;
      RiskLevel latestLevel = null;
      for (Facts.CheckIn checkIn : facts.checkIns()) {
        for (Facts.Visit visit : checkIn.visits()) {
          boolean inWindow = !visit.date().isAfter(today) && today.isBefore(visit.date().plusDays(p.windowDays()));
          if (!inWindow || (latest != null && !visit.date().isAfter(latest.date()))) {
            continue;
          }
          RiskLevel visitLevel = highestLevelSince(visit);
          if (visitLevel == level) {
            latest = visit;
            latestLevel = visitLevel;
          }
        }
      }
      if (latest == null) {
        return Optional.empty();
      }
      LocalDate windowEnds = latest.date().plusDays(p.windowDays());
      JsonObject travelFacts = new JsonObject()
        .put("county", latest.countyCode())
        .put("visitedOn", latest.date().toString())
        .put("riskLevel", latestLevel.name())
        .put("windowEnds", windowEnds.toString());
      return recoveringFinding(rule, latest.date(), travelFacts, windowEnds);
    }

    Optional<Finding> symptomFinding() {
      Optional<Facts.CheckIn> lastAbnormal = facts.checkIns().stream()
        .filter(c -> !c.day().isAfter(today) && !rules.isNormal(c))
        .max(Comparator.comparing(Facts.CheckIn::day));
      if (lastAbnormal.isEmpty()) {
        return Optional.empty();
      }
      Facts.CheckIn c = lastAbnormal.get();
      JsonArray symptoms = new JsonArray();
      c.symptoms().stream().sorted().forEach(s -> symptoms.add(s.name()));
      JsonObject symptomFacts = new JsonObject()
        .put("day", c.day().toString())
        .put("temperature", c.temperature().doubleValue())
        .put("symptoms", symptoms);
      return recoveringFinding(RuleId.SYMPTOMS_AT_CHECK_IN, c.day(), symptomFacts, null);
    }

    /** A finding that ends after recoveryDays consecutive normal check-ins (or at windowEnds, if given). */
    private Optional<Finding> recoveringFinding(RuleId rule, LocalDate anchor, JsonObject ruleFacts, LocalDate windowEnds) {
      RuleSet.Parameters p = rules.parameters(rule);
      if (!p.enabled()) {
        return Optional.empty();
      }
      Recovery recovery = recovery(anchor, p.recoveryDays());
      if (recovery.recovered || (windowEnds != null && !today.isBefore(windowEnds))) {
        return Optional.empty();
      }
      LocalDate greenFrom = windowEnds != null && windowEnds.isBefore(recovery.greenOn) ? windowEnds : recovery.greenOn;
      ruleFacts.put("consecutiveNormalDays", recovery.streak);
      return Optional.of(new Finding(rule, p.colour(), p.toJson(rule), ruleFacts, greenFrom));
    }

    /**
     * Looks for {@code days} consecutive days after the anchor, each with a normal check-in. Today
     * without a check-in yet does not break a streak. When not recovered, {@code greenOn} is the day
     * the streak would complete with normal check-ins from now on.
     */
    private Recovery recovery(LocalDate anchor, int days) {
      int streak = 0;
      LocalDate streakStart = null;
      for (LocalDate d = anchor.plusDays(1); !d.isAfter(today); d = d.plusDays(1)) {
        Facts.CheckIn checkIn = checkInsByDay.get(d);
        if (checkIn != null && rules.isNormal(checkIn)) {
          if (streak == 0) {
            streakStart = d;
          }
          streak++;
          if (streak >= days) {
            return new Recovery(true, streakStart.plusDays(days - 1L), streak);
          }
        } else if (checkIn == null && d.equals(today)) {
          break;
        } else {
          streak = 0;
        }
      }
      LocalDate start;
      if (streak > 0) {
        start = streakStart;
      } else {
        start = checkInsByDay.containsKey(today) ? today.plusDays(1) : today;
        if (!start.isAfter(anchor)) {
          start = anchor.plusDays(1);
        }
      }
      return new Recovery(false, start.plusDays(days - 1L), streak);
    }

    /** The highest level the visited county had from the start of the visit day until now. */
    private RiskLevel highestLevelSince(Facts.Visit visit) {
      List<Facts.RiskLevelChange> changes = facts.riskLevels().getOrDefault(visit.countyCode(), List.of());
      Instant from = visit.date().atStartOfDay(zone).toInstant();
      RiskLevel atStart = RiskLevel.LOW;
      RiskLevel highest = RiskLevel.LOW;
      for (Facts.RiskLevelChange change : changes.stream()
        .sorted(Comparator.comparing(Facts.RiskLevelChange::effectiveFrom)).toList()) {
        if (!change.effectiveFrom().isAfter(from)) {
          atStart = change.level();
        } else if (!change.effectiveFrom().isAfter(now) && change.level().compareTo(highest) > 0) {
          highest = change.level();
        }
      }
      return atStart.compareTo(highest) > 0 ? atStart : highest;
    }
  }

  private record Recovery(boolean recovered, LocalDate greenOn, int streak) {
  }
}
