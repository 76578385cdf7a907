package io.tongxing.app.model.employer;

import static io.tongxing.app.testing.TongzhouCheckpoint.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.model.resident.ResidentNotices;
import io.tongxing.app.model.resident.ResidentVault;
import io.tongxing.app.testing.FakeEmployers;
import io.tongxing.app.testing.MemorySecureStore;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.XmlLocalizer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The background refresh's part: each enterprise that newly lists the resident is told once, in words naming it;
 * a listing already seen on the screen is not; the kept list reads back and goes with the resident's session.
 */
class EmployersSyncTest {
    private final MutableClock clock = new MutableClock(NOW);
    private final FakeEmployers server = new FakeEmployers(clock);
    private final MemorySecureStore store = new MemorySecureStore();
    private final EmployersVault vault = new EmployersVault(store);
    private final EmployersSync sync = new EmployersSync(server, vault);

    @Test
    void aNewListingIsToldOnceAndTheNoticeNamesTheEnterprise() throws Exception {
        EmployerListing first = server.listedBy("北京通达物流有限公司", "91110108MA01ABCD2H");
        List<EmployerListing> told = sync.refreshAndTell();
        assertEquals(List.of(first), told);
        List<ResidentNotices.Notice> notices = new ResidentNotices(XmlLocalizer.inChinese()).listedBy(told);
        assertEquals(1, notices.size());
        assertEquals(ResidentNotices.Channel.EMPLOYERS, notices.get(0).channel());
        assertEquals("有单位把你登记为员工", notices.get(0).title());
        assertEquals("“北京通达物流有限公司”（91110108MA01ABCD2H）用你的姓名和身份证号登记了你。如果你不在该单位工作，"
                + "请在“我的用人单位”中拒绝。", notices.get(0).text());

        assertTrue(sync.refreshAndTell().isEmpty(), "told once");
        assertEquals(1, vault.unseen().size(), "the home screen's badge stays until the screen is opened");

        clock.advance(Duration.ofHours(1));
        EmployerListing second = server.listedBy("三河市老街烘焙坊", "91131082MA0DKQ3L4E");
        vault.seen(List.of(first.listingId()));
        assertEquals(List.of(second), sync.refreshAndTell());
    }

    @Test
    void aListingSeenOnTheScreenIsNotToldAndEndedOnesNeverAre() throws Exception {
        EmployerListing seen = server.listedBy("北京通达物流有限公司", "91110108MA01ABCD2H");
        sync.refresh();
        vault.seen(List.of(seen.listingId()));
        EmployerListing ended = server.listedBy("三河市老街烘焙坊", "91131082MA0DKQ3L4E");
        server.ended(ended.listingId());
        assertTrue(sync.refreshAndTell().isEmpty());
        assertTrue(vault.unseen().isEmpty());
    }

    @Test
    void theKeptListReadsBackAndIsForgottenWithTheResidentsSession() throws Exception {
        EmployerListing listing = server.listedBy("北京通达物流有限公司", "91110108MA01ABCD2H");
        server.refuse(listing.listingId(), java.util.Optional.of("从未入职"));
        server.listedBy("三河市老街烘焙坊", "91131082MA0DKQ3L4E");
        Employers fetched = sync.refresh();
        assertEquals(fetched, vault.employers().get());

        new ResidentVault(store, List.of(EmployersVault.NAME)).clear();
        assertFalse(vault.employers().isPresent());
    }
}
