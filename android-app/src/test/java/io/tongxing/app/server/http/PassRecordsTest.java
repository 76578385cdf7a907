package io.tongxing.app.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.util.JSONArrayUtils;
import io.tongxing.app.model.resident.PassRecord;
import io.tongxing.token.PassModel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server's pass and application JSON (docs/openapi.yaml, Pass and PassApplication) as the app's records. */
class PassRecordsTest {

    @Test
    void anExpiredPassStaysIssuedForItsTokenToSaySoAndAnApprovedApplicationIsShownAsItsPass() throws Exception {
        List<Object> passes = JSONArrayUtils.parse("[{\"id\": \"p1\", \"applicationId\": \"a1\", \"state\": \"EXPIRED\","
                + " \"model\": \"FREIGHT_VEHICLE\", \"route\": [\"110112\", \"not-a-code\"], \"token\": \"eyJ.x.y\","
                + " \"events\": [{\"event\": \"EXPIRED\", \"cause\": \"EXPIRED\", \"causeText\": \"Expired\", \"by\": \"SYSTEM\"}]}]");
        List<Object> applications = JSONArrayUtils.parse("[{\"id\": \"a1\", \"state\": \"APPROVED\","
                + " \"submittedAt\": \"2026-03-01T08:00:00+08:00\", \"corridor\": {\"model\": \"FREIGHT_VEHICLE\"}}]");
        List<PassRecord> records = HttpResidentApi.passRecords(passes, applications);
        assertEquals(1, records.size());
        PassRecord pass = records.get(0);
        assertEquals(PassRecord.Status.ISSUED, pass.status());
        assertEquals(Optional.empty(), pass.reason());
        assertEquals(Optional.of(PassModel.FREIGHT_VEHICLE), pass.model());
        assertEquals(1, pass.route().size(), "an unreadable region is left out");
        assertEquals(Optional.of(Instant.parse("2026-03-01T00:00:00Z")), pass.appliedAt());
    }

    @Test
    void aRefusedApplicationCarriesTheReviewersReasonAndAnUnknownModelIsLeftOut() throws Exception {
        List<Object> applications = JSONArrayUtils.parse("[{\"id\": \"a2\", \"state\": \"REJECTED\","
                + " \"submittedAt\": \"2026-03-02T00:00:00Z\", \"decisionReason\": \"材料不全\","
                + " \"corridor\": {\"model\": \"WORK_COMMUTE\", \"regions\": [\"110112\", \"131082\"]}},"
                + " {\"id\": \"a3\", \"state\": \"SUBMITTED\", \"corridor\": {\"model\": \"HOVERCRAFT\"}}]");
        List<PassRecord> records = HttpResidentApi.passRecords(List.of(), applications);
        assertEquals(1, records.size());
        PassRecord refused = records.get(0);
        assertEquals(PassRecord.Status.REFUSED, refused.status());
        assertEquals(Optional.of("材料不全"), refused.reason());
        assertEquals(2, refused.route().size());
        assertEquals(Optional.empty(), refused.token());
    }

    @Test
    void aRevokedPassNamesTheCauseAndTheWordsOfWhoeverCausedIt() throws Exception {
        List<Object> passes = JSONArrayUtils.parse("[{\"id\": \"p2\", \"state\": \"REVOKED\", \"model\": \"WORK_COMMUTE\","
                + " \"route\": [], \"token\": \"eyJ.x.y\", \"events\": ["
                + "{\"event\": \"SUSPENDED\", \"causeText\": \"Health code not green\", \"reason\": \"RED\", \"by\": \"SYSTEM\"},"
                + "{\"event\": \"REVOKED\", \"causeText\": \"The employer ended the work letter\", \"reason\": \"项目结束\","
                + " \"by\": \"ENTERPRISE\"}]}]");
        PassRecord revoked = HttpResidentApi.passRecords(passes, List.of()).get(0);
        assertEquals(PassRecord.Status.REVOKED, revoked.status());
        assertEquals(Optional.of("The employer ended the work letter — 项目结束"), revoked.reason());
    }
}
