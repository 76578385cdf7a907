package io.tongxing.server.rules;

import java.util.EnumSet;
import java.util.Set;

/** What the authority has established about a person; the latest effective flag is the person's status. */
public enum Flag {
  CONFIRMED,
  SUSPECTED,
  ASYMPTOMATIC,
  CLOSE_CONTACT,
  SECONDARY_CONTACT,
  RELEASED;

  /** Flags of a case under treatment, whose release starts home observation. */
  public static final Set<Flag> CASES = EnumSet.of(CONFIRMED, SUSPECTED, ASYMPTOMATIC);
}
