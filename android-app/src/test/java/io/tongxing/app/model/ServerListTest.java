package io.tongxing.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerListTest {

    @Test
    void anUnreachableServerKeepsThePhonesCopyAndSaysSoUntilAListComes() {
        ServerList<String> list = new ServerList<>();
        list.kept(Optional.of("kept"));

        assertFalse(list.fetched(new ServerAction.Fetched<>(Optional.empty(), true, Optional.empty())));
        assertEquals(Optional.of("kept"), list.list());
        assertTrue(list.offline());

        assertTrue(list.fetched(new ServerAction.Fetched<>(Optional.of("fresh"), false, Optional.empty())));
        assertEquals(Optional.of("fresh"), list.list());
        assertFalse(list.offline());
    }

    @Test
    void aRefusalIsSaidInTheServersWordsAndTheListStays() {
        ServerList<String> list = new ServerList<>();
        list.kept(Optional.of("kept"));

        assertFalse(list.fetched(new ServerAction.Fetched<>(Optional.empty(), false, Optional.of("登录已过期"))));

        assertEquals(Optional.of("登录已过期"), list.message());
        assertEquals(Optional.of("kept"), list.list());
        assertFalse(list.offline());
    }

    @Test
    void oneActionAtATimeAndItsWordsWhenItEnds() {
        ServerList<String> list = new ServerList<>();

        assertTrue(list.begin("working"));
        assertFalse(list.begin("again"), "a second action waits for the first");
        assertTrue(list.busy());
        assertEquals(Optional.of("working"), list.message());

        assertFalse(list.ended("done, list not fetched", Optional.empty()));
        assertFalse(list.busy());
        assertEquals(Optional.of("done, list not fetched"), list.message());
        assertEquals(Optional.empty(), list.list());

        assertTrue(list.begin("working"));
        assertTrue(list.ended("done", Optional.of("fresh")));
        assertEquals(Optional.of("fresh"), list.list());
    }
}
