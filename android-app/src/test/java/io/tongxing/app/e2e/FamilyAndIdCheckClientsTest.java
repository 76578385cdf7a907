package io.tongxing.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.model.checkpoint.CheckpointDevice;
import io.tongxing.app.model.checkpoint.IdNumberCheck;
import io.tongxing.app.model.checkpoint.SyncResult;
import io.tongxing.app.model.family.Consent;
import io.tongxing.app.model.family.FamilyMember;
import io.tongxing.app.model.family.Guardian;
import io.tongxing.app.model.family.Relation;
import io.tongxing.app.model.resident.CheckIn;
import io.tongxing.app.model.resident.OwnTokens;
import io.tongxing.app.server.ResidentDownload;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.app.server.http.AccountSession;
import io.tongxing.app.server.http.ApiClient;
import io.tongxing.app.server.http.HttpDeviceApi;
import io.tongxing.app.server.http.HttpEnrollment;
import io.tongxing.app.server.http.HttpFamilyApi;
import io.tongxing.app.server.http.UrlConnectionTransport;
import io.tongxing.app.testing.MemorySecureStore;
import io.tongxing.app.testing.SoftwareDeviceKeys;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.identity.ResidentIdNumbers;
import io.tongxing.sync.IdCheckReason;
import io.tongxing.token.Colour;
import io.tongxing.token.HealthCode;
import io.tongxing.verify.Outcome;
import io.tongxing.verify.Reason;
import io.tongxing.verify.Verdict;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app's family and ID-check clients against a real region server (embedded PostgreSQL): the JSON they read
 * is the server's, the refusals carry its codes, the PDF is a PDF, and the ID-check answer verifies on the device.
 */
class FamilyAndIdCheckClientsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static RegionServerFixture region;

    @BeforeAll
    static void startRegion() {
        region = RegionServerFixture.start();
    }

    @AfterAll
    static void stopRegion() {
        region.stop();
    }

    @Test
    void aGuardianLinksAMotherByHerCodeChecksInForHerShowsHerCodePrintsHerCardAndSheEndsIt() throws Exception {
        RegionServerFixture.Resident guardian = region.register("张伟", "19720101");
        RegionServerFixture.Resident mother = region.register("王秀英", "19480305");
        HttpFamilyApi family = new HttpFamilyApi(guardian.session(), region.clock);
        HttpFamilyApi mothers = new HttpFamilyApi(mother.session(), region.clock);

        FamilyMember asked = family.request("王秀英", mother.idNumber(), Relation.PARENT, Consent.PHONE_CODE);
        assertEquals(FamilyMember.State.PENDING, asked.state());
        assertEquals(ResidentIdNumbers.mask(mother.idNumber()), asked.maskedIdNumber());
        ServerRefusedException wrong = assertThrows(ServerRefusedException.class, () -> family.confirm(asked.id(), "000000"));
        assertEquals("CONSENT_CODE_INVALID", wrong.code());

        FamilyMember linked = family.confirm(asked.id(), region.smsCodeFor(mother.phone()));
        assertEquals(FamilyMember.State.ACTIVE, linked.state());
        assertEquals(List.of(FamilyMember.State.ACTIVE), family.members().stream().map(FamilyMember::state).toList());
        assertEquals(Colour.GREEN, family.members().get(0).colour().get());
        Guardian seen = mothers.guardians().get(0);
        assertEquals("张*", seen.maskedName());
        assertTrue(seen.active());

        family.checkIn(linked.id(), new CheckIn(LocalDate.now(region.clock.withZone(ZoneId.of("Asia/Shanghai"))),
                new BigDecimal("36.4"), Collections.emptySet(), Collections.emptyList()));
        List<Map<String, Object>> checkIns = RegionServerFixture.query("select temperature::text as t from check_ins"
                + " where account_id = ?::uuid", mother.accountId());
        assertEquals(List.of("36.4"), checkIns.stream().map(row -> row.get("t")).toList(),
                "stored as the mother's own check-in");

        ResidentDownload code = family.memberCredentials(linked.id());
        HealthCode health = (HealthCode) OwnTokens.read(code.healthCode().get()).get();
        assertEquals("王*英", health.maskedName());

        byte[] pdf = family.paperCard(linked.id());
        assertTrue(new String(pdf, 0, 5, StandardCharsets.US_ASCII).startsWith("%PDF-"));
        FamilyMember.PaperCardInfo card = family.members().get(0).paperCard().get();
        assertEquals("VALID", card.status());

        Guardian ended = mothers.endGuardian(seen.id(), "本人在应用中结束");
        assertTrue(!ended.active());
        ServerRefusedException gone = assertThrows(ServerRefusedException.class,
                () -> family.memberCredentials(linked.id()));
        assertEquals("DEPENDANT_NOT_FOUND", gone.code());
        assertEquals(FamilyMember.State.ENDED, family.members().get(0).state());
    }

    @Test
    void aRequestForSomeoneUnknownLooksTheSameAndOnesOwnNumberIsRefusedByItsCode() throws Exception {
        RegionServerFixture.Resident guardian = region.register("李娜", "19800101");
        HttpFamilyApi family = new HttpFamilyApi(guardian.session(), region.clock);

        String first17 = "110105" + "19300101" + String.format("%03d", RANDOM.nextInt(1000));
        FamilyMember unknown = family.request("赵老太", first17 + ResidentIdNumbers.checkCharacter(first17),
                Relation.GRANDPARENT, Consent.PHONE_CODE);
        assertEquals(FamilyMember.State.PENDING, unknown.state());
        assertEquals(Consent.PHONE_CODE, unknown.consent());

        ServerRefusedException self = assertThrows(ServerRefusedException.class,
                () -> family.request("李娜", guardian.idNumber(), Relation.OTHER, Consent.DESK));
        assertEquals("DEPENDANT_IS_SELF", self.code());
        family.end(unknown.id(), "withdrawn");
        assertEquals(FamilyMember.State.ENDED, family.members().get(0).state());
    }

    @Test
    void anIdCheckIsSignedAnsweredVerifiedAndRefusedBeyondTheHourlyLimitInTheServersWords() throws Exception {
        RegionServerFixture.Resident person = region.register("孙丽", "19500101");
        String checkpoint = "cp-id-" + Integer.toString(RANDOM.nextInt(Integer.MAX_VALUE), 36);
        String officerLogin = region.checkpointWithOfficer(checkpoint, "Officer-pass-03");
        MemorySecureStore store = new MemorySecureStore();
        AccountSession officer = new AccountSession(new ApiClient(UrlConnectionTransport.to(region.baseUrl),
                () -> Locale.ENGLISH), store, "officer-session", XmlLocalizer.inEnglish());
        officer.login(officerLogin, "Officer-pass-03");
        SoftwareDeviceKeys keys = new SoftwareDeviceKeys();
        CheckpointDevice device = new CheckpointDevice(store, region.clock, null);
        device.enroll(new HttpEnrollment(officer, keys, region.clock, RANDOM, () -> 1)
                .enroll(region.enrollmentCode(checkpoint)));
        HttpDeviceApi api = new HttpDeviceApi(new ApiClient(UrlConnectionTransport.to(region.baseUrl),
                () -> Locale.ENGLISH), keys, device, region.clock, RANDOM, null);
        assertEquals(SyncResult.Kind.APPLIED, device.apply(api.fetchBundle()).kind());
        IdNumberCheck check = new IdNumberCheck(device, api);

        Verdict found = check.check(person.idNumber(), IdCheckReason.NO_PHONE).verdict();
        assertEquals(Outcome.PASS, found.outcome());
        assertEquals(Verdict.Source.ID_NUMBER, found.source());
        assertEquals("孙*", found.credential().get().credential().maskedName());

        String first17 = "110105" + "19310101" + String.format("%03d", RANDOM.nextInt(1000));
        assertEquals(Reason.ID_NOT_REGISTERED, check.check(first17 + ResidentIdNumbers.checkCharacter(first17),
                IdCheckReason.PHONE_UNUSABLE).verdict().reason());

        for (int i = 2; i < 60; i++) {
            assertEquals(Outcome.PASS, check.check(person.idNumber(), IdCheckReason.CODE_UNREADABLE).verdict().outcome());
        }
        IdNumberCheck.Result refused = check.check(person.idNumber(), IdCheckReason.NO_PHONE);
        assertEquals(Reason.ID_CHECK_REFUSED, refused.verdict().reason());
        assertTrue(refused.serverSaid().get().startsWith("Too many ID-number checks"), refused.serverSaid().get());
    }
}
