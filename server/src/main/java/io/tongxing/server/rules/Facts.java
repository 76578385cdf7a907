package io.tongxing.server.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the rules look at for one person: flag history, recent check-ins with the counties
 * visited, and the risk-level history of those counties.
 */
public record Facts(List<FlagEvent> flags, List<CheckIn> checkIns, Map<String, List<RiskLevelChange>> riskLevels) {

  public Facts {
    flags = List.copyOf(flags);
    checkIns = List.copyOf(checkIns);
    riskLevels = Map.copyOf(riskLevels);
  }

  public record FlagEvent(Flag flag, Instant effectiveAt) {
  }

  public record CheckIn(LocalDate day, BigDecimal temperature, Set<Symptom> symptoms, List<Visit> visits) {
    public CheckIn {
      symptoms = Set.copyOf(symptoms);
      visits = List.copyOf(visits);
    }
  }

  public record Visit(String countyCode, LocalDate date) {
  }

  public record RiskLevelChange(RiskLevel level, Instant effectiveFrom) {
  }
}
