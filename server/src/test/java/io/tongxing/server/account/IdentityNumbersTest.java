package io.tongxing.server.account;

import io.tongxing.identity.RegionCodes;
import io.tongxing.identity.ResidentIdNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentityNumbersTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

  @Test
  void acceptsTheExampleOfGb11643() {
    assertEquals(Optional.empty(), ResidentIdNumbers.problem("11010519491231002X", TODAY));
    assertEquals(Optional.empty(), ResidentIdNumbers.problem("11010519491231002x", TODAY), "lower-case x is the same number");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "110105194912310021, CHECK_DIGIT",
    "110105199902310024, BIRTH_DATE",
    "110105202912310026, FUTURE_BIRTH_DATE",
    "990105194912310025, PROVINCE",
    "160105194912310020, PROVINCE",
    "11010519491231002, FORMAT",
    "1101051949123100XX, FORMAT",
    "11010518791231002X, BIRTH_DATE"
  })
  void refusesBadNumbers(String idNumber, ResidentIdNumbers.Problem expected) {
    assertEquals(Optional.of(expected), ResidentIdNumbers.problem(idNumber, TODAY));
  }

  @Test
  void knowsEveryProvincePrefixOfTheBrief() {
    for (String p : new String[] {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
      "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"}) {
      assertTrue(RegionCodes.knownProvince(p + "0101"), p);
    }
    for (String p : new String[] {"10", "16", "20", "24", "30", "38", "40", "47", "55", "60", "66", "70", "80", "83", "99"}) {
      assertFalse(RegionCodes.knownProvince(p + "0101"), p);
    }
  }

  @Test
  void masksAllButTheFirstAndLastFourCharacters() {
    assertEquals("1*************002X", ResidentIdNumbers.mask("11010519491231002X"));
  }

  @Test
  void acceptsPublishedCreditCodes() {
    assertEquals(Optional.empty(), CreditCodes.problem("91350100M000100Y43"));
    assertEquals(Optional.empty(), CreditCodes.problem("91110000100011743X"), "a real Beijing enterprise");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "91350100M000100Y44, CHECK_CHARACTER",
    "91350100M000100I43, FORMAT",
    "91350100M000100O43, FORMAT",
    "91350100M000100Z43, FORMAT",
    "91350100M000100S43, FORMAT",
    "91350100M000100V43, FORMAT",
    "9135A100M000100Y43, FORMAT",
    "91350100M000100Y4, FORMAT"
  })
  void refusesBadCreditCodes(String code, CreditCodes.Problem expected) {
    assertEquals(Optional.of(expected), CreditCodes.problem(code));
  }

  @Test
  void checksMainlandMobileNumbers() {
    assertTrue(PhoneNumbers.isMobile("13812345678"));
    assertTrue(PhoneNumbers.isMobile("+86 138-1234-5678"));
    assertFalse(PhoneNumbers.isMobile("12812345678"));
    assertFalse(PhoneNumbers.isMobile("1381234567"));
    assertFalse(PhoneNumbers.isMobile("010-12345678"));
    assertEquals("138****5678", PhoneNumbers.mask("13812345678"));
  }

  @Test
  void countyCodesAreCountyLevel() {
    assertTrue(RegionCodes.isCounty("110105"));
    assertFalse(RegionCodes.isCounty("110100"), "a city, not a county");
    assertFalse(RegionCodes.isCounty("990105"), "unknown province");
    assertFalse(RegionCodes.isCounty("11010"), "five digits");
  }
}
