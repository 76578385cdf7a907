package io.tongxing.app.model.resident;

import static io.tongxing.app.testing.TongzhouCheckpoint.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.server.CheckInSubmitter;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.token.RegionCode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The daily check-in form: messages next to the fields, and nothing lost when the server is away. */
class CheckInFormTest {
    private final MutableClock clock = new MutableClock(NOW); // 2026-11-22, 16:00 in Beijing
    private final List<CheckIn> submitted = new ArrayList<>();
    private CheckInSubmitter server = submitted::add;
    private final List<Runnable> pending = new ArrayList<>();

    @Test
    void aCompleteFormIsSubmittedWithTodaysDateAndParsedValues() {
        CheckInForm form = form(Runnable::run);
        form.setTemperature("36,8 ℃");
        form.setSymptom(Symptom.COUGH, true);
        form.addVisit();
        form.setVisit(0, "131022", "2026-11-20");
        form.addVisit(); // left blank: ignored

        form.submit();

        assertEquals(CheckInForm.Phase.SENT, form.state().phase());
        assertEquals(Optional.of("Check-in received. Thank you."), form.state().message());
        CheckIn checkIn = submitted.get(0);
        assertEquals(LocalDate.of(2026, 11, 22), checkIn.day());
        assertEquals(new BigDecimal("36.8"), checkIn.temperature());
        assertEquals(EnumSet.of(Symptom.COUGH), checkIn.symptoms());
        assertEquals(List.of(new CheckIn.Visit(RegionCode.of("131022"), LocalDate.of(2026, 11, 20))), checkIn.visits());
    }

    @Test
    void aCheckInForAFamilyMemberSaysWhoseItIsAndGoesToTheirSubmitter() {
        List<String> forMember = new ArrayList<>();
        CheckInForm form = new CheckInForm(checkIn -> forMember.add("王秀英 " + checkIn.temperature()), clock,
                XmlLocalizer.inChinese(), Runnable::run, Optional.empty(), Optional.of("王秀英"));
        assertEquals("为家人 王秀英 打卡", form.state().owner().get().words());
        assertEquals(io.tongxing.app.model.Icon.PERSON, form.state().owner().get().icon());
        form.setTemperature("36.4");
        form.setNoSymptoms(true);
        form.submit();

        assertEquals(List.of("王秀英 36.4"), forMember);
        assertTrue(submitted.isEmpty(), "never as the guardian's own");
        assertEquals(Optional.empty(), form(Runnable::run).state().owner(), "one's own check-in has no band");
    }

    @Test
    void noMessagesBeforeTheFirstTryThenMessagesNextToEachField() {
        CheckInForm form = form(Runnable::run);
        assertEquals(Optional.empty(), form.state().temperatureError());

        form.submit();

        assertEquals(Optional.of("Enter your temperature."), form.state().temperatureError());
        assertEquals(Optional.of("Choose your symptoms, or “None of these”."), form.state().symptomsError());
        assertEquals(Optional.of("Please correct the marked answers."), form.state().message());
        assertTrue(submitted.isEmpty());

        form.setTemperature("36.5");
        assertEquals(Optional.empty(), form.state().temperatureError(), "messages follow each edit");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc|Enter the temperature as a number, like 36.5.",
        "36.55.1|Enter the temperature as a number, like 36.5.",
        "33.9|A body temperature is between 34.0 and 43.0 °C. Check the reading.",
        "43.1|A body temperature is between 34.0 and 43.0 °C. Check the reading.",
        "365|Enter the temperature as a number, like 36.5.",
    })
    void temperaturesOutsideTheBodysRangeOrNotNumbersAreRefused(String typed, String message) {
        CheckInForm form = form(Runnable::run);
        form.setNoSymptoms(true);
        form.setTemperature(typed);
        form.submit();

        assertEquals(Optional.of(message), form.state().temperatureError());
        assertTrue(submitted.isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"34.0", "43.0", "37", "38.25"})
    void theEdgesOfTheRangeAreAccepted(String typed) {
        CheckInForm form = form(Runnable::run);
        form.setNoSymptoms(true);
        form.setTemperature(typed);
        form.submit();

        assertEquals(CheckInForm.Phase.SENT, form.state().phase());
    }

    @Test
    void noneOfTheseCannotGoWithASymptom() {
        CheckInForm form = form(Runnable::run);
        form.setTemperature("36.5");
        form.setNoSymptoms(true);
        form.setSymptom(Symptom.FEVER, true);
        form.submit();

        assertEquals(Optional.of("“None of these” cannot go with a symptom."), form.state().symptomsError());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1101|2026-11-20|Choose the county or district.|",
        "990101|2026-11-20|Choose the county or district.|",
        "131000|2026-11-20|131000 is a province or city; enter the county or district.|",
        "110000|2026-11-20|110000 is a province or city; enter the county or district.|",
        "131022|20.11.2026||Choose the date of the visit.",
        "131022|2026-02-30||Choose the date of the visit.",
        "131022|2026-11-23||This date is in the future.",
        "131022|2026-11-08||Only visits since 2026-11-09 count.",
    })
    void visitsNeedACountyCodeAndADateWithinFourteenDays(String county, String date, String countyError,
            String dateError) {
        CheckInForm form = form(Runnable::run);
        form.setTemperature("36.5");
        form.setNoSymptoms(true);
        form.addVisit();
        form.setVisit(0, county, date);
        form.submit();

        CheckInForm.VisitRow row = form.state().visits().get(0);
        assertEquals(Optional.ofNullable(countyError), row.countyError());
        assertEquals(Optional.ofNullable(dateError), row.dateError());
        assertTrue(submitted.isEmpty());
    }

    @Test
    void theFirstAndLastOfTheFourteenDaysAreAcceptedAndShortDatesToo() {
        CheckInForm form = form(Runnable::run);
        form.setTemperature("36.5");
        form.setNoSymptoms(true);
        form.addVisit();
        form.setVisit(0, "110105", "2026-11-9");
        form.addVisit();
        form.setVisit(1, "110105", "2026-11-22");
        form.submit();

        assertEquals(2, submitted.get(0).visits().size());
    }

    @Test
    void theSameCountyAndDayTwiceIsPointedOut() {
        CheckInForm form = form(Runnable::run);
        form.setTemperature("36.5");
        form.setNoSymptoms(true);
        form.addVisit();
        form.setVisit(0, "110105", "2026-11-20");
        form.addVisit();
        form.setVisit(1, "110105", "2026-11-20");
        form.submit();

        assertEquals(Optional.empty(), form.state().visits().get(0).dateError());
        assertEquals(Optional.of("This county and date are already listed."), form.state().visits().get(1).dateError());
        form.removeVisit(1);
        form.submit();
        assertEquals(1, submitted.size());
    }

    @Test
    void offlineTheAnswersAreKeptAndCanBeSentAgain() {
        server = checkIn -> {
            throw new IOException("offline (test)");
        };
        CheckInForm form = form(Runnable::run);
        form.setTemperature("37.9");
        form.setSymptom(Symptom.FEVER, true);
        form.submit();

        assertEquals(CheckInForm.Phase.OFFLINE, form.state().phase());
        assertEquals(Optional.of("Could not reach the server. Your answers are kept; try again."), form.state().message());
        assertEquals("37.9", form.state().temperature());
        assertTrue(form.state().symptoms().get(0).checked());
        assertTrue(form.state().submitEnabled());
    }

    @Test
    void whatTheServerRefusesIsShownInItsWords() {
        server = checkIn -> {
            throw new ServerRefusedException("ALREADY_CHECKED_IN", "今日已打卡");
        };
        CheckInForm form = form(Runnable::run);
        form.setTemperature("36.5");
        form.setNoSymptoms(true);
        form.submit();

        assertEquals(CheckInForm.Phase.REFUSED, form.state().phase());
        assertEquals(Optional.of("The server did not accept the check-in: 今日已打卡"), form.state().message());
    }

    @Test
    void whileSendingTheButtonWaitsAndASecondTapDoesNothing() {
        CheckInForm form = form(pending::add);
        form.setTemperature("36.5");
        form.setNoSymptoms(true);
        form.submit();

        assertEquals(CheckInForm.Phase.SENDING, form.state().phase());
        assertFalse(form.state().submitEnabled());
        form.submit();
        assertEquals(1, pending.size());

        pending.get(0).run();
        assertEquals(CheckInForm.Phase.SENT, form.state().phase());
    }

    @Test
    void inChineseTheMessagesAreChinese() {
        CheckInForm form = new CheckInForm(server, clock, XmlLocalizer.inChinese(), Runnable::run);
        form.setTemperature("44");
        form.submit();

        assertEquals(Optional.of("体温应在 34.0 至 43.0 °C 之间，请核对读数。"), form.state().temperatureError());
        assertEquals("发热", form.state().symptoms().get(0).label());
    }

    @Test
    void aCountyChosenFromTheListIsNamedAndEverythingTypedComesBackAfterTheScreenIsRebuilt() {
        CheckInForm form = new CheckInForm(server, clock, XmlLocalizer.inChinese(), Runnable::run,
                Optional.of(XmlLocalizer.regions()));
        form.addVisit();
        form.setVisit(0, "110112", "2026-11-20");
        assertEquals(Optional.of("北京市 通州区"), form.state().visits().get(0).countyLabel());

        form = new CheckInForm(server, clock, XmlLocalizer.inChinese(), Runnable::run,
                Optional.of(XmlLocalizer.regions()));
        CheckInForm before = new CheckInForm(server, clock, XmlLocalizer.inChinese(), Runnable::run);
        before.setTemperature("38.2");
        before.setSymptom(Symptom.FEVER, true);
        before.setNoSymptoms(true);
        before.addVisit();
        before.setVisit(0, "131082", "2026-11-19");
        before.submit();
        form.restore(before.saved());

        CheckInForm.State restored = form.state();
        assertEquals("38.2", restored.temperature());
        assertTrue(restored.symptoms().get(0).checked());
        assertTrue(restored.noSymptoms());
        assertEquals("131082", restored.visits().get(0).county());
        assertEquals(Optional.of("河北省 三河市"), restored.visits().get(0).countyLabel());
        assertEquals("2026-11-19", restored.visits().get(0).date());
        assertEquals(before.state().symptomsError(), restored.symptomsError(),
                "the messages are back too, as the person had them");
    }

    @Test
    void theDatePickerOffersTheFourteenDaysUpToToday() {
        CheckInForm form = form(Runnable::run);
        assertEquals(java.time.LocalDate.of(2026, 11, 9), form.firstVisitDay());
        assertEquals(java.time.LocalDate.of(2026, 11, 22), form.lastVisitDay());
    }

    private CheckInForm form(Executor background) {
        return new CheckInForm(checkIn -> server.submit(checkIn), clock, XmlLocalizer.inEnglish(), background);
    }
}
