package io.tongxing.app.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.tongxing.app.e2e.RegionServerFixture;
import io.tongxing.app.model.resident.ResidentSnapshot;
import io.tongxing.app.server.http.ApiClient;
import io.tongxing.app.server.http.UrlConnectionTransport;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.identity.ResidentIdNumbers;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;

/**
 * Where the app sends passwords can change only on the server screen, after the person has seen the new
 * server's trust-key thumbprint and confirmed it; switching drops the old server's sessions and codes first.
 */
@RunWith(RegionServerRunner.class)
public class ServerScreenTest {
    private static RegionServerFixture home;
    private static RegionServerFixture other;

    @BeforeClass
    public static void startTwoServers() {
        home = RegionServerFixture.start();
        other = RegionServerFixture.start();
    }

    @AfterClass
    public static void stopThem() {
        home.stop();
        other.stop();
    }

    @Test
    public void anotherServerIsUsedOnlyAfterItsThumbprintIsShownAndConfirmedAndTheOldSessionsAreDropped()
            throws Exception {
        PhoneUnderTest phone = PhoneUnderTest.sharing(home.clock, home.baseUrl);
        Localizer words = phone.graph.words;
        String mobile = "135" + String.format("%08d", (int) (Math.random() * 100_000_000));
        String first17 = "110105" + "19750101" + "123";
        phone.graph.resident().requestRegistrationCode(mobile);
        phone.graph.resident().registerResident("王五", first17 + ResidentIdNumbers.checkCharacter(first17), mobile,
                "Resident-pass-3", home.smsCodeFor(mobile));
        phone.graph.vault.save(new ResidentSnapshot(Optional.empty(), Collections.emptyList(), home.clock.instant()));
        assertTrue(phone.graph.resident().loggedIn());

        ServerActivity screen = phone.open(ServerActivity.class).get();
        ViewTree.type(screen, words.text(Text.SERVER_ADDRESS), other.baseUrl);
        ViewTree.tap(screen, words.text(Text.SERVER_CHECK));

        Map<String, Object> published = new ApiClient(UrlConnectionTransport.to(other.baseUrl), () -> Locale.ENGLISH)
                .call("GET", "/.well-known/tongxing-trust-key.json", null);
        String thumbprint = (String) published.get("thumbprint");
        String shown = screen.model.state().thumbprint().get();
        assertEquals("the thumbprint the server publishes, computed on the phone", thumbprint, shown.replace(" ", ""));
        assertTrue(ViewTree.screenText(screen), ViewTree.texts(screen).contains(shown));
        assertEquals("nothing changes before the person confirms", home.baseUrl, phone.graph.serverUrl());
        assertTrue(phone.graph.resident().loggedIn());

        ViewTree.tap(screen, words.text(Text.SERVER_CONFIRM));
        assertEquals(other.baseUrl, phone.graph.serverUrl());
        assertFalse("the old server's tokens are gone", phone.graph.resident().loggedIn());
        assertEquals(Optional.empty(), phone.graph.vault.load());
        phone.newProcess();
        assertEquals("kept for the next start", other.baseUrl, phone.graph.serverUrl());
    }

    @Test
    public void aBadOrUnreachableAddressChangesNothing() {
        PhoneUnderTest phone = PhoneUnderTest.sharing(home.clock, home.baseUrl);
        Localizer words = phone.graph.words;
        ServerActivity screen = phone.open(ServerActivity.class).get();

        ViewTree.type(screen, words.text(Text.SERVER_ADDRESS), "http://tongxing.example.cn");
        ViewTree.tap(screen, words.text(Text.SERVER_CHECK));
        assertTrue(ViewTree.screenText(screen), ViewTree.texts(screen)
                .contains("⚠ " + words.text(Text.SERVER_ADDRESS_INVALID)));

        ViewTree.type(screen, words.text(Text.SERVER_ADDRESS), "http://127.0.0.1:9");
        ViewTree.tap(screen, words.text(Text.SERVER_CHECK));
        assertTrue(ViewTree.screenText(screen), ViewTree.texts(screen).contains(words.text(Text.SERVER_UNREACHABLE)));
        assertFalse(ViewTree.find(screen, android.widget.Button.class, words.text(Text.SERVER_CHECK)).isEnabled()
                && screen.model.state().confirmEnabled());
        assertEquals(home.baseUrl, phone.graph.serverUrl());
    }
}
