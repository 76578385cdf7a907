package io.tongxing.testing;

import io.tongxing.token.Colour;
import io.tongxing.token.CommuterPass;
import io.tongxing.token.HealthCode;
import io.tongxing.token.HolderKey;
import io.tongxing.token.PassModel;
import io.tongxing.token.RegionCode;
import io.tongxing.token.StatusReference;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/** Typical credentials for tests: a Beijing resident's health code and a Langfang commuter's pass. */
public final class Credentials {
    public static final RegionCode BEIJING = RegionCode.of("110000");
    public static final RegionCode LANGFANG = RegionCode.of("131000");
    public static final RegionCode TONGZHOU = RegionCode.of("110112");
    /** A Langfang enterprise's unified social credit code, with its GB 32100 check character. */
    public static final String ENTERPRISE = "91131000MA0CWXJ46C";

    private Credentials() {
    }

    public static HealthCode healthCode(Colour colour, Instant issuedAt, StatusReference status) {
        return new HealthCode(BEIJING, "q3V9xJm2", "张*三", "123X", colour, issuedAt,
                issuedAt.plus(Duration.ofHours(24)), status, Optional.empty());
    }

    public static HealthCode boundHealthCode(Instant issuedAt, StatusReference status, HolderKey holder) {
        return new HealthCode(BEIJING, "q3V9xJm2", "张*三", "123X", Colour.GREEN, issuedAt,
                issuedAt.plus(Duration.ofHours(24)), status, Optional.of(holder));
    }

    public static CommuterPass commuterPass(Instant issuedAt, StatusReference status) {
        return new CommuterPass(LANGFANG, "Lf8wq0Zk", "李*华", "4521", PassModel.ONE_LETTER_ONE_CARD_ONE_PERMIT,
                Arrays.asList(LANGFANG, BEIJING), ENTERPRISE, Optional.empty(), issuedAt, Optional.empty(),
                issuedAt.plus(Duration.ofDays(30)), status, Optional.empty());
    }

    public static CommuterPass boundCommuterPass(Instant issuedAt, StatusReference status, HolderKey holder) {
        return new CommuterPass(LANGFANG, "Lf8wq0Zk", "李*华", "4521", PassModel.ONE_LETTER_ONE_CARD_ONE_PERMIT,
                Arrays.asList(LANGFANG, BEIJING), ENTERPRISE, Optional.empty(), issuedAt, Optional.empty(),
                issuedAt.plus(Duration.ofDays(30)), status, Optional.of(holder));
    }

    public static CommuterPass freightPass(Instant issuedAt, StatusReference status, Optional<HolderKey> holder) {
        return new CommuterPass(LANGFANG, "Fv2Rt7Kc", "王*明", "0817", PassModel.FREIGHT_VEHICLE,
                Arrays.asList(RegionCode.of("310000"), RegionCode.of("320000"), LANGFANG, BEIJING), ENTERPRISE,
                Optional.of("冀RD12345"), issuedAt, Optional.empty(), issuedAt.plus(Duration.ofDays(30)), status,
                holder);
    }
}
