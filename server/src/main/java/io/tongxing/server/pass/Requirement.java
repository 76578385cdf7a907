package io.tongxing.server.pass;

import io.tongxing.token.PassModel;

import java.util.List;

/**
 * What an application must show before a reviewer may approve it. The corridor's model decides
 * which: 一信一卡一证 a work letter, a complete temperature card and a community permit; 两书一证 a
 * personal and an enterprise commitment; the work-commute pass the employer's confirmation (a work
 * letter) and a green code; the freight pass a valid plate. Every model needs the employment itself.
 */
public enum Requirement {
  EMPLOYMENT,
  WORK_LETTER,
  ENTERPRISE_COMMITMENT,
  PERSONAL_COMMITMENT,
  COMMUNITY_PERMIT,
  TEMPERATURE_CARD,
  GREEN_CODE,
  VEHICLE_PLATE;

  public static List<Requirement> of(PassModel model) {
    switch (model) {
      case ONE_LETTER_ONE_CARD_ONE_PERMIT:
        return List.of(EMPLOYMENT, WORK_LETTER, TEMPERATURE_CARD, COMMUNITY_PERMIT);
      case TWO_COMMITMENTS_ONE_PERMIT:
        return List.of(EMPLOYMENT, PERSONAL_COMMITMENT, ENTERPRISE_COMMITMENT);
      case WORK_COMMUTE:
        return List.of(EMPLOYMENT, WORK_LETTER, GREEN_CODE);
      case FREIGHT_VEHICLE:
        return List.of(EMPLOYMENT, VEHICLE_PLATE);
      default:
        throw new IllegalArgumentException("unknown model " + model);
    }
  }
}
