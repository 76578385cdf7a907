package io.tongxing.app.model.family;

import static io.tongxing.app.testing.TongzhouCheckpoint.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.model.family.FamilyMemberForm.Field;
import io.tongxing.app.model.family.FamilyMemberForm.Phase;
import io.tongxing.app.testing.FakeFamily;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.XmlLocalizer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Adding a family member: the form's own checks before anything is sent, a code read out by the member, the
 * desk, the server's refusals next to their fields, and the same words whether or not a code went anywhere.
 */
class FamilyMemberFormTest {
    /** GB 11643's example number with its check character: Chaoyang, born 1949-12-31. */
    private static final String MOTHER = "11010519491231002X";
    private static final String GUARDIAN = "110105199001010010";

    private final MutableClock clock = new MutableClock(NOW);
    private final FakeFamily server = new FakeFamily(clock);
    private FamilyMemberForm form;

    @BeforeEach
    void aGuardiansForm() {
        server.ownIdNumber = GUARDIAN;
        server.residentsWithPhone.put(MOTHER, "王秀英");
        form = new FamilyMemberForm(server, clock, XmlLocalizer.inEnglish(), Runnable::run);
    }

    private void fill(String name, String idNumber, Relation relation, Consent consent) {
        form.set(Field.NAME, name);
        form.set(Field.ID_NUMBER, idNumber);
        form.choose(relation);
        form.choose(consent);
    }

    @Test
    void aMotherWithAPhoneAgreesByTheCodeSheReadsOut() {
        fill("王秀英", MOTHER.toLowerCase(), Relation.PARENT, Consent.PHONE_CODE);
        form.submit();

        assertEquals(Phase.AWAITING_CODE, form.state().phase());
        assertEquals(List.of(MOTHER), server.codesSent, "asked with the number upper-cased");
        assertEquals(Optional.of("For 王秀英"), form.state().header());
        String asked = form.state().message().get();
        assertTrue(asked.startsWith("If this name and number belong to a resident with a phone"), asked);

        form.set(Field.CODE, "12345");
        form.confirm();
        assertEquals(Optional.of("Enter the 6-digit code."), form.state().error(Field.CODE));
        assertEquals(Phase.AWAITING_CODE, form.state().phase());

        form.set(Field.CODE, "000000");
        form.confirm();
        assertEquals(Optional.of("The code is wrong or has expired (codes go only to the member's own registered phone)."),
                form.state().error(Field.CODE), "the server's words, next to the code");

        form.set(Field.CODE, FakeFamily.CODE);
        form.confirm();
        assertEquals(Phase.LINKED, form.state().phase());
        assertTrue(form.state().done());
        assertEquals(Optional.of("王秀英 agreed: you look after them now."), form.state().message());
        assertEquals(FamilyMember.State.ACTIVE, server.links.values().iterator().next().state());
    }

    @Test
    void someoneWhoIsNotRegisteredGetsTheSameAnswerAndNoCodeWorks() {
        fill("李四", "110105200001010016", Relation.CHILD, Consent.PHONE_CODE);
        form.submit();

        assertEquals(Phase.AWAITING_CODE, form.state().phase(), "no oracle: the same step as for a match");
        assertTrue(server.codesSent.isEmpty());
        form.set(Field.CODE, FakeFamily.CODE);
        form.confirm();
        assertEquals(Phase.AWAITING_CODE, form.state().phase());
        assertTrue(form.state().error(Field.CODE).isPresent());
    }

    @Test
    void atTheDeskTheFormSaysWhatToBringAndIsDone() {
        fill("王秀英", MOTHER, Relation.PARENT, Consent.DESK);
        form.submit();

        assertEquals(Phase.AWAITING_DESK, form.state().phase());
        assertTrue(form.state().done());
        assertTrue(form.state().message().get().contains("with both ID cards"), form.state().message().get());
        assertTrue(server.codesSent.isEmpty(), "no code for consent at the desk");
    }

    @Test
    void everyFieldIsCheckedBeforeAnythingIsSent() {
        form.set(Field.ID_NUMBER, "110105194912310021");
        form.submit();

        assertEquals(Phase.EDITING, form.state().phase());
        assertEquals(Optional.of("Enter their name as on their ID card."), form.state().error(Field.NAME));
        assertEquals(Optional.of("The last character does not fit the others: check the number for a typo."),
                form.state().error(Field.ID_NUMBER));
        assertEquals(Optional.of("Choose what they are to you."), form.state().error(Field.RELATION));
        assertEquals(Optional.of("Choose how they agree."), form.state().error(Field.CONSENT));
        assertEquals(Optional.of("Please correct the marked fields."), form.state().message());
        assertTrue(server.links.isEmpty());

        form.set(Field.NAME, "王".repeat(51));
        assertEquals(Optional.of("A name has at most 50 characters."), form.state().error(Field.NAME));
    }

    @Test
    void theServersRefusalsComeNextToTheirFieldOrUnderTheForm() throws Exception {
        fill("我自己", GUARDIAN, Relation.OTHER, Consent.DESK);
        form.submit();
        assertEquals(Optional.of("You cannot add yourself as a family member."), form.state().error(Field.ID_NUMBER));
        assertEquals(Phase.EDITING, form.state().phase());
        form.set(Field.ID_NUMBER, MOTHER);
        assertEquals(Optional.empty(), form.state().error(Field.ID_NUMBER), "a refusal goes with the edit");

        for (int i = 0; i < 5; i++) {
            String first17 = "11010520000101" + String.format("%03d", i);
            server.request("孩子" + i, first17 + io.tongxing.identity.ResidentIdNumbers.checkCharacter(first17),
                    Relation.CHILD, Consent.DESK);
        }
        form.set(Field.NAME, "王秀英");
        form.submit();
        assertEquals(Optional.of("You can look after at most 5 family members (pending requests included)."),
                form.state().message());
        assertEquals(Optional.empty(), form.state().error(Field.ID_NUMBER));
    }

    @Test
    void offlineWhatWasTypedStaysForAnotherTry() {
        server.unreachable = true;
        fill("王秀英", MOTHER, Relation.PARENT, Consent.PHONE_CODE);
        form.submit();

        assertEquals(Phase.EDITING, form.state().phase());
        assertEquals(Optional.of("The server cannot be reached. What you typed is kept; try again when online."),
                form.state().message());
        assertEquals("王秀英", form.typed(Field.NAME));
        server.unreachable = false;
        form.submit();
        assertEquals(Phase.AWAITING_CODE, form.state().phase());
    }

    @Test
    void openedForAMemberAskedForBeforeOnlyTheCodeIsWanted() throws Exception {
        FamilyMember asked = server.request("王秀英", MOTHER, Relation.PARENT, Consent.PHONE_CODE);
        form.forCode(asked.id(), asked.name());

        assertEquals(Phase.AWAITING_CODE, form.state().phase());
        form.set(Field.CODE, FakeFamily.CODE);
        form.confirm();
        assertEquals(Phase.LINKED, form.state().phase());
    }

    @Test
    void whatWasTypedAndTheStepSurviveTheScreenBeingMadeAnew() {
        fill("王秀英", MOTHER, Relation.PARENT, Consent.PHONE_CODE);
        form.submit();
        form.set(Field.CODE, "135");
        Map<String, String> saved = form.saved();

        FamilyMemberForm again = new FamilyMemberForm(server, clock, XmlLocalizer.inChinese(), Runnable::run);
        again.restore(saved);
        assertEquals(Phase.AWAITING_CODE, again.state().phase());
        assertEquals("135", again.typed(Field.CODE));
        assertEquals(Optional.of("家人：王秀英"), again.state().header());
        assertTrue(again.state().relations().get(Relation.PARENT.ordinal()).chosen());
        again.set(Field.CODE, FakeFamily.CODE);
        again.confirm();
        assertEquals(Phase.LINKED, again.state().phase(), "the restored form confirms the same request");
    }
}
