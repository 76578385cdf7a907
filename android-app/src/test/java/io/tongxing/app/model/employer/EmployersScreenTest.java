package io.tongxing.app.model.employer;

import static io.tongxing.app.testing.TongzhouCheckpoint.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.model.Icon;
import io.tongxing.app.model.Signal;
import io.tongxing.app.model.employer.EmployersScreen.Action;
import io.tongxing.app.model.employer.EmployersScreen.Card;
import io.tongxing.app.model.employer.EmployersScreen.Question;
import io.tongxing.app.testing.FakeEmployers;
import io.tongxing.app.testing.MemorySecureStore;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.XmlLocalizer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "My employers": who listed the resident, in words and icon, with the credit code and date; refusing an
 * enterprise and taking it back, each asked first in words that say what it does; the reason's limits; the
 * phone's copy offline; the server's refusals in its words; the open question across the screen's recreation.
 */
class EmployersScreenTest {
    private static final String LOGISTICS = "91110108MA01ABCD2H";
    private static final String BAKERY = "91131082MA0DKQ3L4E";

    private final MutableClock clock = new MutableClock(NOW);
    private final FakeEmployers server = new FakeEmployers(clock);
    private final EmployersVault vault = new EmployersVault(new MemorySecureStore());
    private final XmlLocalizer english = XmlLocalizer.inEnglish();
    private EmployerListing logistics;
    private EmployerListing bakery;
    private EmployersScreen screen;

    @BeforeEach
    void aResidentListedByTwoEnterprisesOneOfWhichEndedIt() {
        bakery = server.listedBy("三河市老街烘焙坊", BAKERY);
        server.ended(bakery.listingId());
        clock.advance(Duration.ofDays(3));
        logistics = server.listedBy("北京通达物流有限公司", LOGISTICS);
        clock.advance(Duration.ofHours(2));
        screen = screen();
    }

    private EmployersScreen screen() {
        return new EmployersScreen(new EmployersSync(server, vault), vault, server, clock, english, Runnable::run);
    }

    private static List<String> titles(List<Card> cards) {
        return cards.stream().map(Card::title).collect(Collectors.toList());
    }

    @Test
    void eachEnterpriseShowsItsStateCreditCodeAndDateLinkedFirstAndNewOnesMarked() throws Exception {
        new EmployersSync(server, vault).refresh();
        assertEquals("My employers · 1 new", EmployersScreen.homeButton(vault, english),
                "the home screen's badge counts linked listings not yet seen");

        screen.onShow();

        List<Card> cards = screen.state().listings();
        assertEquals(List.of("北京通达物流有限公司", "三河市老街烘焙坊"), titles(cards), "linked first, then ended");
        assertEquals(Signal.green(Icon.CHECK, "Linked to you"), cards.get(0).state());
        assertEquals(List.of("New: you had not seen this listing", "Unified social credit code: " + LOGISTICS,
                "Listed you on 2026-11-25", "It may apply for passes for you"), cards.get(0).details());
        assertEquals(Signal.grey(Icon.CROSS, "Ended by the enterprise"), cards.get(1).state());
        assertEquals(List.of("Unified social credit code: " + BAKERY, "Listed you on 2026-11-22"), cards.get(1).details());
        assertEquals("This is not my employer", cards.get(0).button());
        assertEquals(Action.REFUSE, cards.get(0).action());
        assertTrue(screen.state().refusals().isEmpty());
        assertEquals(Optional.empty(), screen.state().noListings());
        assertEquals(Optional.empty(), screen.state().copyAge());
        assertEquals("My employers", EmployersScreen.homeButton(vault, english), "seen now: no badge");

        EmployersScreen again = screen();
        again.onShow();
        assertFalse(again.state().listings().get(0).details().contains("New: you had not seen this listing"),
                "new only until it was shown");
    }

    @Test
    void refusingAsksFirstSayingWhatItDoesThenRefusesAndOffersToUndo() {
        screen.onShow();
        screen.askToRefuse(logistics.listingId());

        Question question = screen.state().question().get();
        assertEquals(Action.REFUSE, question.action());
        assertTrue(question.text().startsWith("Refuse 北京通达物流有限公司 (" + LOGISTICS + ")?"), question.text());
        assertTrue(question.text().contains("Passes issued to you on its listing are revoked"), question.text());
        assertTrue(question.text().contains("It is not told that you refused"), question.text());
        assertEquals(Optional.of("Reason (optional, kept with the refusal)"), question.reasonLabel());
        assertEquals("Refuse", question.yes());
        assertEquals("Cancel", question.no());
        assertTrue(server.refusals.isEmpty(), "nothing is sent before the answer");

        screen.setReason("  我从未在这家公司工作  ");
        screen.confirm();

        EmployerRefusal refusal = server.refusals.get(logistics.enterprise().id());
        assertEquals(Optional.of("我从未在这家公司工作"), refusal.reason());
        assertEquals(Optional.empty(), screen.state().question());
        assertEquals(Optional.of("You refused 北京通达物流有限公司."), screen.state().message());
        assertEquals(List.of("三河市老街烘焙坊"), titles(screen.state().listings()));
        Card refused = screen.state().refusals().get(0);
        assertEquals("北京通达物流有限公司", refused.title());
        assertEquals(Signal.grey(Icon.CROSS, "Refused by you"), refused.state());
        assertEquals(List.of("Unified social credit code: " + LOGISTICS, "Refused on 2026-11-25",
                "Your reason: 我从未在这家公司工作", "Not linked to you while the refusal stands"), refused.details());
        assertEquals(Action.UNDO, refused.action());
        assertEquals("Undo the refusal", refused.button());
        assertFalse(screen.state().busy());
    }

    @Test
    void undoingARefusalAsksFirstAndLinksTheListingAgain() {
        screen.onShow();
        screen.askToRefuse(logistics.listingId());
        screen.confirm();
        screen.askToUndo(logistics.enterprise().id());

        Question question = screen.state().question().get();
        assertEquals(Action.UNDO, question.action());
        assertTrue(question.text().startsWith("Undo your refusal of 北京通达物流有限公司?"), question.text());
        assertEquals(Optional.empty(), question.reasonLabel());
        screen.confirm();

        assertTrue(server.refusals.isEmpty());
        assertEquals(Optional.of("Refusal of 北京通达物流有限公司 undone."), screen.state().message());
        assertEquals(Signal.green(Icon.CHECK, "Linked to you"), screen.state().listings().get(0).state());
        assertTrue(screen.state().refusals().isEmpty());
    }

    @Test
    void aReasonOfSpacesAloneIsNoReasonAndOneTooLongIsSaidAndNothingSent() {
        screen.onShow();
        screen.askToRefuse(logistics.listingId());
        screen.setReason("x".repeat(501));

        assertEquals(Optional.of("At most 500 characters."), screen.state().question().get().reasonError());
        screen.confirm();
        assertTrue(server.refusals.isEmpty(), "a reason the server would refuse is not sent");
        assertTrue(screen.state().question().isPresent(), "the question stays, with what was typed");

        screen.setReason("\u3000 \t");
        assertEquals(Optional.empty(), screen.state().question().get().reasonError());
        screen.confirm();
        assertEquals(Optional.empty(), server.refusals.get(logistics.enterprise().id()).reason());
    }

    @Test
    void cancellingSendsNothing() {
        screen.onShow();
        screen.askToRefuse(logistics.listingId());
        screen.setReason("不认识");
        screen.cancel();

        assertEquals(Optional.empty(), screen.state().question());
        assertTrue(server.refusals.isEmpty());
        screen.askToRefuse(logistics.listingId());
        assertEquals("", screen.state().question().get().reason(), "a new question starts empty");
    }

    @Test
    void offlineTheKeptListShowsWithItsAgeAndARefusalChangesNothing() {
        screen.onShow();
        server.unreachable = true;
        clock.advance(Duration.ofHours(3));

        EmployersScreen later = screen();
        later.onShow();
        assertEquals(Optional.of("Server not reachable: the list on this phone, received 3 h ago"),
                later.state().copyAge());
        assertEquals(List.of("北京通达物流有限公司", "三河市老街烘焙坊"), titles(later.state().listings()));

        later.askToRefuse(logistics.listingId());
        later.confirm();
        assertEquals(Optional.of("Server not reachable: nothing was changed. Try again when online."),
                later.state().message());
        assertTrue(server.refusals.isEmpty());
        assertTrue(later.state().refusals().isEmpty());
        assertFalse(later.state().busy());
    }

    @Test
    void offlineWithNothingKeptSaysSo() {
        server.unreachable = true;
        screen.onShow();
        assertEquals(Optional.of("Server not reachable: try again later."), screen.state().copyAge());
        assertTrue(screen.state().listings().isEmpty());
        assertEquals(Optional.empty(), screen.state().noListings(), "not \"nobody lists you\": it is not known");
    }

    @Test
    void nobodyListingTheResidentIsSaid() {
        server.listings.clear();
        screen.onShow();
        assertEquals(Optional.of("No enterprise lists you as its employee."), screen.state().noListings());
    }

    @Test
    void theServersRefusalIsShownInItsWords() {
        screen.onShow();
        server.listings.clear(); // the listing went meanwhile (refused from another phone)
        screen.askToRefuse(logistics.listingId());
        screen.confirm();
        assertEquals(Optional.of("No such listing of yours."), screen.state().message());
        assertEquals(Optional.of("No enterprise lists you as its employee."), screen.state().noListings(),
                "the list fetched again after the refusal");
    }

    @Test
    void theOpenQuestionAndItsReasonSurviveTheScreensRecreation() {
        screen.onShow();
        screen.askToRefuse(logistics.listingId());
        screen.setReason("从未入职");
        Map<String, String> saved = screen.saved();

        EmployersScreen recreated = screen();
        recreated.restore(saved);
        recreated.onShow();
        Question question = recreated.state().question().get();
        assertEquals(logistics.listingId(), question.id());
        assertEquals("从未入职", question.reason());
        recreated.confirm();
        assertEquals(Optional.of("从未入职"), server.refusals.get(logistics.enterprise().id()).reason());
        assertEquals(Map.of(), recreated.saved(), "nothing open: nothing kept");
    }
}
