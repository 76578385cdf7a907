package io.tongxing.server.rules;

/** Symptoms a resident can report at check-in. NONE stands alone. */
public enum Symptom {
  FEVER,
  COUGH,
  SORE_THROAT,
  SHORTNESS_OF_BREATH,
  FATIGUE,
  MUSCLE_ACHE,
  LOSS_OF_SMELL_OR_TASTE,
  DIARRHEA,
  NONE
}
