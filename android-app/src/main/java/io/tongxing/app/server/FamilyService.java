package io.tongxing.app.server;

import io.tongxing.app.model.family.Consent;
import io.tongxing.app.model.family.FamilyMember;
import io.tongxing.app.model.family.Guardian;
import io.tongxing.app.model.family.Relation;
import io.tongxing.app.model.resident.CheckIn;
import java.io.IOException;
import java.util.List;

/**
 * The resident API's family part (docs/openapi.yaml, tag {@code family}) for the logged-in resident: the family
 * members they look after, with the members' consent, and those who look after them.
 */
public interface FamilyService {

    /** The members the resident looks after or asked to, newest first. */
    List<FamilyMember> members() throws IOException, ServerRefusedException;

    /** Who looks after the resident. */
    List<Guardian> guardians() throws IOException, ServerRefusedException;

    /**
     * Asks to look after a family member. The answer is PENDING whoever the name and number belong to (no
     * oracle); with {@link Consent#PHONE_CODE} a code goes to the member's phone if they registered one.
     */
    FamilyMember request(String name, String idNumber, Relation relation, Consent consent)
            throws IOException, ServerRefusedException;

    /** The code the member read out: the member is linked. */
    FamilyMember confirm(String memberId, String code) throws IOException, ServerRefusedException;

    /** The guardian ends the link (or withdraws the request). */
    FamilyMember end(String memberId, String reason) throws IOException, ServerRefusedException;

    /** The member ends a guardian's care of them. */
    Guardian endGuardian(String linkId, String reason) throws IOException, ServerRefusedException;

    /** An active member's health code and passes, as the member's own. */
    ResidentDownload memberCredentials(String memberId) throws IOException, ServerRefusedException;

    /** Today's check-in for an active member. */
    void checkIn(String memberId, CheckIn checkIn) throws IOException, ServerRefusedException;

    /** Prints a new paper card for an active member: an A6 PDF. Any earlier card of the member stops working. */
    byte[] paperCard(String memberId) throws IOException, ServerRefusedException;
}
