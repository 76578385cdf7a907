package io.tongxing.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.model.employer.EmployerListing;
import io.tongxing.app.model.employer.EmployerRefusal;
import io.tongxing.app.model.employer.Employers;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.app.server.http.HttpEmployerApi;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app's employer client against a real region server (embedded PostgreSQL): what a listing, a refusal and its
 * undoing look like in the server's JSON, its refusal codes, and that the enterprise sees nothing of it.
 */
class EmployerClientsTest {
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
    void aResidentSeesWhoListedThemRefusesOneAndTakesItBackWhileTheEnterpriseSeesNothingOfIt() throws Exception {
        RegionServerFixture.Resident resident = region.register("刘洋", "19880614");
        HttpEmployerApi api = new HttpEmployerApi(resident.session(), region.clock);
        assertEquals(new Employers(java.util.List.of(), java.util.List.of(), region.clock.instant()), api.employers());

        RegionServerFixture.Enterprise listing = region.enterprise("北京通达物流有限公司");
        String employee = region.employ(listing.token(), "刘 洋", resident.idNumber()); // a space: still the name
        RegionServerFixture.Enterprise guessing = region.enterprise("冒名测试有限公司");
        region.employ(guessing.token(), "刘阳", resident.idNumber()); // the right number, a wrong name: no link

        Employers employers = api.employers();
        assertEquals(1, employers.listings().size(), employers.toString());
        EmployerListing listed = employers.listings().get(0);
        assertEquals(employee, listed.listingId());
        assertEquals("北京通达物流有限公司", listed.enterprise().name());
        assertEquals(listing.creditCode(), listed.enterprise().creditCode());
        assertEquals(region.clock.instant(), listed.listedAt());
        assertTrue(listed.active());

        Map<String, Object> enterpriseSaw = region.listing(listing.token(), employee);
        EmployerRefusal refusal = api.refuse(employee, Optional.of("我从未在这家公司工作"));
        assertEquals(listed.enterprise(), refusal.enterprise());
        assertEquals(Optional.of("我从未在这家公司工作"), refusal.reason());
        employers = api.employers();
        assertTrue(employers.listings().isEmpty(), "the listing no longer names the resident");
        assertEquals(java.util.List.of(refusal), employers.refusals());
        assertEquals(enterpriseSaw, region.listing(listing.token(), employee), "the enterprise's view is unchanged");
        assertEquals("LISTING_NOT_FOUND", assertThrows(ServerRefusedException.class,
                () -> api.refuse(employee, Optional.empty())).code());

        api.withdraw(listed.enterprise().id());
        employers = api.employers();
        assertEquals(java.util.List.of(listed), employers.listings());
        assertTrue(employers.refusals().isEmpty());
        assertEquals("REFUSAL_NOT_FOUND", assertThrows(ServerRefusedException.class,
                () -> api.withdraw(listed.enterprise().id())).code());
    }
}
