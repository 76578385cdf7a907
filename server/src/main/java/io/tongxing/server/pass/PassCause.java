package io.tongxing.server.pass;

/**
 * Why a pass changed: a stable code stored with every transition, shown to the resident in their
 * language ({@code passCause.*} in the messages) next to the words of whoever caused it.
 */
public enum PassCause {
  ISSUED_ON_APPROVAL,
  HEALTH_CODE_NOT_GREEN,
  HEALTH_CODE_GREEN,
  WORK_LETTER_ENDED,
  ENTERPRISE_COMMITMENT_REVOKED,
  COMMUNITY_PERMIT_REVOKED,
  PERSONAL_COMMITMENT_REVOKED,
  EMPLOYMENT_ENDED,
  /** The resident refused the employer's listing, or the listing no longer names them. */
  EMPLOYER_LINK_ENDED,
  REVOKED_BY_REVIEWER,
  EXPIRED
}
