package io.tongxing.app.model.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.testing.XmlLocalizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Choosing another server: nothing changes until the person has seen the new server's trust-key thumbprint
 * and confirmed it. (ServerScreenTest does the same against a real region server.)
 */
class ServerChoiceTest {
    private static final String THUMBPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";
    private final List<String> switchedTo = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();

    private ServerChoice choice(boolean reachable) {
        return new ServerChoice("https://tongxing.example.cn", url -> {
            asked.add(url);
            if (!reachable) {
                throw new IOException("connection refused");
            }
            return THUMBPRINT;
        }, switchedTo::add, XmlLocalizer.inEnglish(), Runnable::run);
    }

    @Test
    void theThumbprintIsShownInGroupsAndOnlyAConfirmationSwitches() {
        ServerChoice choice = choice(true);
        choice.setAddress(" https://jiangsu.tongxing.example.cn/ ");
        choice.check();

        assertEquals(List.of("https://jiangsu.tongxing.example.cn"), asked);
        assertEquals(ServerChoice.Phase.CONFIRMING, choice.state().phase());
        assertEquals(Optional.of("NzbL sXh8 uDCc d-6M NwXF 4W_7 noWX FZAf HkxZ sRGC 9Xs"), choice.state().thumbprint());
        assertTrue(choice.state().message().get().startsWith("Compare the thumbprint"));
        assertTrue(switchedTo.isEmpty(), "nothing changes before the person confirms");

        choice.confirm();
        assertEquals(List.of("https://jiangsu.tongxing.example.cn"), switchedTo);
        assertEquals("This phone talks to https://jiangsu.tongxing.example.cn", choice.state().current());
        assertEquals(ServerChoice.Phase.SWITCHED, choice.state().phase());
    }

    @Test
    void editingTheAddressAfterTheCheckWithdrawsTheThumbprint() {
        ServerChoice choice = choice(true);
        choice.setAddress("https://a.example.cn");
        choice.check();
        choice.setAddress("https://b.example.cn");
        choice.confirm();

        assertEquals(Optional.empty(), choice.state().thumbprint());
        assertFalse(choice.state().confirmEnabled());
        assertTrue(switchedTo.isEmpty(), "a thumbprint is confirmed only for the address it was fetched from");
    }

    @Test
    void anUnreachableServerChangesNothing() {
        ServerChoice choice = choice(false);
        choice.setAddress("https://gone.example.cn");
        choice.check();

        assertEquals(ServerChoice.Phase.FAILED, choice.state().phase());
        assertEquals(Optional.of("The server could not be reached, or it showed no valid trust key. Nothing was changed."),
                choice.state().message());
        choice.confirm();
        assertTrue(switchedTo.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tongxing.example.cn", "ftp://tongxing.example.cn", "http://tongxing.example.cn",
            "http://192.168.1.10:8080", "https://user:pw@tongxing.example.cn", "https://tongxing.example.cn/?x=1",
            "https://"})
    void addressesThatAreNotHttpsAreRefusedWithoutAsking(String typed) {
        ServerChoice choice = choice(true);
        choice.setAddress(typed);
        choice.check();

        assertEquals(Optional.of("Enter an https:// address, such as https://tongxing.example.cn."),
                choice.state().addressError());
        assertTrue(asked.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.2.2:8080", "http://127.0.0.1:8080", "http://localhost:8080",
            "https://tongxing.example.cn:8443/region"})
    void theEmulatorsHostThisPhoneAndHttpsAreAccepted(String typed) {
        assertEquals(Optional.of(typed), ServerChoice.address(typed));
    }
}
