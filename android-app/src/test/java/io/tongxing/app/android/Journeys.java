package io.tongxing.app.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.tongxing.app.e2e.RegionServerFixture;
import io.tongxing.app.model.checkpoint.BackgroundSync;
import io.tongxing.app.text.Text;
import java.security.SecureRandom;

/** Steps several journeys share, done through the screens as a person would. */
final class Journeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Journeys() {
    }

    /**
     * An officer of a new checkpoint logs in on the account screen and enrolls this phone with the admin's
     * one-time code; one sync brings the region's signed data. Returns the checkpoint's id.
     */
    static String enrollAsCheckpoint(PhoneUnderTest phone, RegionServerFixture region) {
        String checkpoint = "cp-app-" + Integer.toString(RANDOM.nextInt(Integer.MAX_VALUE), 36);
        String officer = region.checkpointWithOfficer(checkpoint, "Officer-pass-01");
        AccountActivity account = phone.open(AccountActivity.class).get();
        ViewTree.type(account, phone.graph.words.text(Text.ACCOUNT_LOGIN), officer);
        ViewTree.type(account, phone.graph.words.text(Text.ACCOUNT_PASSWORD), "Officer-pass-01");
        ViewTree.type(account, phone.graph.words.text(Text.ACCOUNT_ENROLLMENT_CODE), region.enrollmentCode(checkpoint));
        ViewTree.tap(account, phone.graph.words.text(Text.ACCOUNT_ENROLL));
        assertTrue(ViewTree.screenText(account),
                ViewTree.texts(account).contains(phone.graph.words.text(Text.ACCOUNT_ENROLLED, checkpoint)));
        assertEquals(BackgroundSync.Outcome.SYNCED, phone.graph.backgroundSync().run().outcome());
        return checkpoint;
    }
}
