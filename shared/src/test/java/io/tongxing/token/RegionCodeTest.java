package io.tongxing.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RegionCodeTest {

    @Test
    void aProvinceContainsItsPrefecturesAndCounties() {
        RegionCode hebei = RegionCode.of("130000");
        RegionCode langfang = RegionCode.of("131000");
        RegionCode guan = RegionCode.of("131022");

        assertTrue(hebei.contains(langfang));
        assertTrue(hebei.contains(guan));
        assertTrue(langfang.contains(guan));
        assertFalse(guan.contains(langfang));
        assertTrue(guan.overlaps(langfang));
    }

    @Test
    void aMunicipalityContainsItsDistricts() {
        assertTrue(RegionCode.of("110000").contains(RegionCode.of("110112")));
        assertFalse(RegionCode.of("110000").contains(RegionCode.of("131022")));
        assertFalse(RegionCode.of("131000").overlaps(RegionCode.of("132000")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "11000", "1100000", "11000a", "100000", "910000", "０１００００"})
    void malformedCodesAreRefused(String code) {
        assertFalse(RegionCode.parse(code).isPresent());
        assertThrows(IllegalArgumentException.class, () -> RegionCode.of(code));
    }

    @Test
    void codesKnowTheirLevel() {
        assertTrue(RegionCode.of("310000").isProvince());
        assertTrue(RegionCode.of("131000").isPrefecture());
        assertFalse(RegionCode.of("131022").isPrefecture());
        assertEquals("13", RegionCode.of("131022").province());
    }
}
