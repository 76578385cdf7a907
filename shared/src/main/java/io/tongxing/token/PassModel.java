package io.tongxing.token;

import java.util.Optional;

/**
 * The corridor models under which a commuter pass is granted, after the 2020 practice along
 * China's regional borders. The code is the value of the pass's {@code m} claim.
 */
public enum PassModel {
    /** 一信一卡一证: employer's work letter, daily temperature card, residential-community permit (Beijing–Langfang). */
    ONE_LETTER_ONE_CARD_ONE_PERMIT("lcp"),
    /** 两书一证: personal commitment, enterprise commitment and a permit (Jinshan–Jiashan–Pinghu). */
    TWO_COMMITMENTS_ONE_PERMIT("ccp"),
    /** 工作通勤证: employer confirmation plus a green code (Jiading–Kunshan). */
    WORK_COMMUTE("wc"),
    /** 货运车辆通行证: a licensed driver with a named vehicle on a freight route (Yangtze River Delta). */
    FREIGHT_VEHICLE("fv");

    private final String code;

    PassModel(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<PassModel> ofCode(String code) {
        for (PassModel model : values()) {
            if (model.code.equals(code)) {
                return Optional.of(model);
            }
        }
        return Optional.empty();
    }
}
