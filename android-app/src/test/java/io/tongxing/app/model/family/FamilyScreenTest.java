package io.tongxing.app.model.family;

import static io.tongxing.app.testing.TongzhouCheckpoint.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.model.Icon;
import io.tongxing.app.model.Signal;
import io.tongxing.app.model.family.FamilyScreen.Action;
import io.tongxing.app.model.resident.ResidentSnapshot;
import io.tongxing.app.model.resident.ResidentVault;
import io.tongxing.app.testing.FakeFamily;
import io.tongxing.app.testing.MemorySecureStore;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.token.Colour;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The family screen: each link's state in words and icon with what can be done for it, who looks after this
 * resident, ending either way, printing a card that replaces the last, and the phone's copy when offline.
 */
class FamilyScreenTest {
    private static final String MOTHER = "11010519491231002X";

    private final MutableClock clock = new MutableClock(NOW);
    private final FakeFamily server = new FakeFamily(clock);
    private final MemorySecureStore store = new MemorySecureStore();
    private final FamilyVault vault = new FamilyVault(store);
    private final List<String> opened = new ArrayList<>();
    private FamilyScreen screen;
    private FamilyMember mother;

    @BeforeEach
    void aGuardianWithAMotherLinkedAWaitingRequestAndAnEndedOne() throws Exception {
        server.residentsWithPhone.put(MOTHER, "王秀英");
        mother = server.request("王秀英", MOTHER, Relation.PARENT, Consent.PHONE_CODE);
        server.confirm(mother.id(), FakeFamily.CODE);
        clock.advance(Duration.ofDays(1));
        FamilyMember son = server.request("张小明", "110105201501010017", Relation.CHILD, Consent.DESK);
        FamilyMember uncle = server.request("张大山", "110105196001010017", Relation.OTHER, Consent.DESK);
        server.end(uncle.id(), "by mistake");
        server.guardians.add(new Guardian("5b1c0b8e-8f2a-4c61-9a55-1d2e3f4a5b6c", "李*芳", Relation.CHILD, true,
                Consent.DESK, Optional.of(NOW.minus(Duration.ofDays(30)))));
        screen = screen(XmlLocalizer.inEnglish());
        assertFalse(son.id().isEmpty());
    }

    private FamilyScreen screen(XmlLocalizer words) {
        return new FamilyScreen(new FamilySync(server, vault, clock), vault, server,
                (name, pdf) -> opened.add(name + ": " + new String(pdf, StandardCharsets.US_ASCII)), clock, words,
                Runnable::run);
    }

    @Test
    void eachLinkShowsItsStateInWordsAndIconAndWhatCanBeDone() {
        screen.onShow();

        List<FamilyScreen.MemberCard> members = screen.state().members();
        assertEquals(List.of("王秀英 (Parent)", "张小明 (Child)", "张大山 (Other relative)"),
                members.stream().map(FamilyScreen.MemberCard::title).collect(Collectors.toList()),
                "linked first, then waiting, then ended");
        FamilyScreen.MemberCard linked = members.get(0);
        FamilyScreen.MemberCard waiting = members.get(1);
        FamilyScreen.MemberCard ended = members.get(2);

        assertEquals(Signal.grey(Icon.CROSS, "Ended"), ended.state());
        assertTrue(ended.buttons().isEmpty());

        assertEquals(Signal.blue(Icon.HOURGLASS, "Waiting for their consent"), waiting.state());
        assertTrue(waiting.details().contains("Go to the community desk together, with both ID cards."));
        assertEquals(List.of(Action.END), actions(waiting));
        assertEquals("Withdraw the request", waiting.buttons().get(0).label());

        assertEquals(Signal.green(Icon.CHECK, "You look after them"), linked.state());
        assertEquals(List.of("ID number 1*************002X", "Agreed by a code sent to their own phone",
                "Since 2026-11-22", "Their code now: Green code", "No paper card printed"), linked.details());
        assertEquals(List.of(Action.CHECK_IN, Action.SHOW_CODE, Action.SHOW_PASSES, Action.PRINT_CARD, Action.END),
                actions(linked));
        assertEquals(Optional.of("Print a new paper card for 王秀英? The card printed before stops working at every"
                + " checkpoint after its next sync."), linked.buttons().get(3).confirm());

        FamilyScreen.GuardianCard guardian = screen.state().guardians().get(0);
        assertEquals("李*芳", guardian.title());
        assertEquals(Signal.green(Icon.PERSON, "Looks after you"), guardian.state());
        assertEquals(List.of("They registered you as their: Child", "Since 2026-10-23", "You agreed at the community desk"),
                guardian.details());
        assertEquals("End their care of me", guardian.end().get().label());
        assertEquals(Optional.empty(), screen.state().copyAge());
    }

    @Test
    void aPendingRequestByCodeOffersTheCode() throws Exception {
        FamilyMember asked = server.request("赵六", "110105198001010016", Relation.SPOUSE, Consent.PHONE_CODE);
        screen.onShow();
        FamilyScreen.MemberCard card = screen.state().members().get(1);
        assertEquals(asked.id(), card.id(), "the newest of the waiting, after the one linked");
        assertEquals(List.of(Action.ENTER_CODE, Action.END), actions(card));
        assertTrue(card.details().get(2).startsWith("If this name and number belong to a resident with a phone"));
    }

    @Test
    void endingALinkChangesItAtTheServerAndTheListSaysSo() {
        screen.onShow();
        screen.end(mother.id());

        assertEquals(FamilyMember.State.ENDED, server.links.get(mother.id()).state());
        assertEquals(Optional.of("Ended: 王秀英."), screen.state().message());
        assertEquals(Signal.grey(Icon.CROSS, "Ended"), screen.state().members().stream()
                .filter(card -> card.id().equals(mother.id())).findFirst().get().state());
        assertFalse(screen.state().busy());
    }

    @Test
    void aMemberEndsTheirGuardiansCare() {
        screen.onShow();
        screen.endGuardian("5b1c0b8e-8f2a-4c61-9a55-1d2e3f4a5b6c");

        FamilyScreen.GuardianCard guardian = screen.state().guardians().get(0);
        assertEquals(Signal.grey(Icon.CROSS, "Ended"), guardian.state());
        assertEquals(Optional.empty(), guardian.end());
        assertEquals(Optional.of("Ended: 李*芳."), screen.state().message());
    }

    @Test
    void aPrintedCardIsHandedToThePhonesAppsAndTheGuardianToldTheOldOneStopped() {
        screen.onShow();
        screen.printCard(mother.id());

        assertEquals(List.of("card-" + mother.id() + ": %PDF-1.7 card 1"), opened);
        assertTrue(screen.state().message().get().startsWith("A new paper card for 王秀英 was made at 2026-11-23 16:00;"
                + " the card before it no longer works."), screen.state().message().get());
    }

    @Test
    void offlineTheListKeptOnThePhoneIsShownWithItsAgeAndActionsChangeNothing() {
        screen.onShow();
        clock.advance(Duration.ofHours(2));
        server.unreachable = true;
        FamilyScreen later = screen(XmlLocalizer.inChinese());
        later.onShow();

        assertEquals(3, later.state().members().size());
        assertEquals(Optional.of("无法连接服务器：以下是本机保存的列表，获取于 2 小时前。"), later.state().copyAge());
        later.end(mother.id());
        assertEquals(Optional.of("无法连接服务器，未作任何更改。请联网后重试。"), later.state().message());
        assertEquals(FamilyMember.State.ACTIVE, server.links.get(mother.id()).state());
    }

    @Test
    void aMembersCodeIsKeptWhileLinkedAndGoesWithTheLinkOrTheResidentsLogout() throws Exception {
        server.codes.put(mother.id(), TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty()));
        FamilySync sync = new FamilySync(server, vault, clock);
        sync.refreshFamily();
        ResidentSnapshot kept = sync.refreshMember(mother.id());
        assertEquals(Optional.of(kept.healthCode().get()), vault.snapshot(mother.id()).get().healthCode());

        server.end(mother.id(), "test");
        sync.refreshFamily();
        assertEquals(Optional.empty(), vault.snapshot(mother.id()), "an ended link leaves no code on the phone");

        ResidentVault resident = new ResidentVault(store, Collections.singletonList(FamilyVault.NAME));
        resident.clear();
        assertEquals(Optional.empty(), vault.family(), "logging out forgets the family too");
    }

    @Test
    void theBackgroundRefreshKeepsTheCodeOfEveryMemberLookedAfterAndOfNobodyElse() throws Exception {
        server.codes.put(mother.id(), TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty()));
        new FamilySync(server, vault, clock).refreshEveryone();

        assertTrue(vault.snapshot(mother.id()).get().healthCode().isPresent());
        for (FamilyMember other : server.links.values()) {
            if (!other.id().equals(mother.id())) {
                assertEquals(Optional.empty(), vault.snapshot(other.id()), other.name());
            }
        }
    }

    @Test
    void nobodyToLookAfterAndNobodyLookingAfterSaySo() {
        FakeFamily empty = new FakeFamily(clock);
        FamilyScreen none = new FamilyScreen(new FamilySync(empty, new FamilyVault(new MemorySecureStore()), clock),
                new FamilyVault(new MemorySecureStore()), empty, (name, pdf) -> { }, clock, XmlLocalizer.inChinese(),
                Runnable::run);
        none.onShow();
        assertEquals(Optional.of("你还没有代管的家人。添加没有智能手机的家人后，可以代为打卡、出示其健康码。"),
                none.state().noMembers());
        assertEquals(Optional.of("没有人代管你。"), none.state().noGuardians());
    }

    private static List<Action> actions(FamilyScreen.MemberCard card) {
        return card.buttons().stream().map(FamilyScreen.Button::action).collect(Collectors.toList());
    }
}
