package io.tongxing.server.proof;

/** The documents an application may rest on; the code is the {@code k} claim of the signed document. */
public enum ProofKind {
  /** 工作证明信: the employer confirms the employment (一信; the work-commute pass's confirmation). */
  WORK_LETTER("wl"),
  /** 企业承诺书: the employer commits to the employee's health management (两书). */
  ENTERPRISE_COMMITMENT("ec"),
  /** 社区通行证明: community staff vouch for a resident of their community (一证). */
  COMMUNITY_PERMIT("cp"),
  /** 个人承诺书: the resident commits to truthful reports and health monitoring (两书). */
  PERSONAL_COMMITMENT("pc");

  private final String code;

  ProofKind(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public boolean fromEnterprise() {
    return this == WORK_LETTER || this == ENTERPRISE_COMMITMENT;
  }
}
