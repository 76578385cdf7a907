package io.tongxing.server.rules;

/** County risk levels of the February 2020 national guidance. */
public enum RiskLevel {
  LOW,
  MEDIUM,
  HIGH
}
