package io.tongxing.server.rules;

import java.util.Arrays;
import java.util.Optional;

/** The rules the engine knows. Their parameters are data (see {@link RuleSet}); their logic is code. */
public enum RuleId {
  CASE_UNDER_TREATMENT("case-under-treatment"),
  CLOSE_CONTACT("close-contact"),
  HIGH_RISK_TRAVEL("high-risk-travel"),
  RELEASED_HOME_OBSERVATION("released-home-observation"),
  MEDIUM_RISK_TRAVEL("medium-risk-travel"),
  SYMPTOMS_AT_CHECK_IN("symptoms-at-check-in"),
  SECONDARY_CONTACT("secondary-contact");

  /** The pseudo-rule recorded when no rule finds anything: the code is green. */
  public static final String NO_FINDING = "no-finding";

  private final String id;

  RuleId(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<RuleId> of(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }
}
