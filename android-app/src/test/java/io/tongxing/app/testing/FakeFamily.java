package io.tongxing.app.testing;

import io.tongxing.app.model.family.Consent;
import io.tongxing.app.model.family.FamilyMember;
import io.tongxing.app.model.family.Guardian;
import io.tongxing.app.model.family.Relation;
import io.tongxing.app.model.resident.CheckIn;
import io.tongxing.app.server.FamilyService;
import io.tongxing.app.server.ResidentDownload;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.identity.ResidentIdNumbers;
import io.tongxing.token.Colour;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The family endpoints as docs/openapi.yaml and the server behave, for one guardian: a request is PENDING
 * whoever the number belongs to, a code is accepted only for a registered resident with a phone whose name and
 * number were typed, at most five open links, refusals with the server's codes and English words. It can be
 * made unreachable.
 */
public final class FakeFamily implements FamilyService {
    /** The code this fake "sends" to a matching member's phone. */
    public static final String CODE = "135790";

    /** Residents with a phone, by ID number: their registered names. */
    public final Map<String, String> residentsWithPhone = new LinkedHashMap<>();
    public final Map<String, FamilyMember> links = new LinkedHashMap<>();
    public final List<Guardian> guardians = new ArrayList<>();
    public final Map<String, String> idNumbers = new LinkedHashMap<>();
    public final List<String> codesSent = new ArrayList<>();
    public final List<String> checkedIn = new ArrayList<>();
    public final List<String> printed = new ArrayList<>();
    public final Map<String, String> codes = new LinkedHashMap<>();
    public String ownIdNumber = "110105199001010010";
    public boolean unreachable;
    private final Clock clock;

    public FakeFamily(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized List<FamilyMember> members() throws IOException {
        reach();
        List<FamilyMember> newestFirst = new ArrayList<>(links.values());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public synchronized List<Guardian> guardians() throws IOException {
        reach();
        return new ArrayList<>(guardians);
    }

    @Override
    public synchronized FamilyMember request(String name, String idNumber, Relation relation, Consent consent)
            throws IOException, ServerRefusedException {
        reach();
        if (ResidentIdNumbers.problem(idNumber, clock.instant().atZone(clock.getZone()).toLocalDate()).isPresent()) {
            throw new ServerRefusedException("INVALID_ID_NUMBER_CHECK_DIGIT", "The ID number is not valid.");
        }
        if (idNumber.equals(ownIdNumber)) {
            throw new ServerRefusedException("DEPENDANT_IS_SELF", "You cannot add yourself as a family member.");
        }
        long open = 0;
        for (Map.Entry<String, FamilyMember> link : links.entrySet()) {
            if (link.getValue().state() != FamilyMember.State.ENDED) {
                open++;
                if (idNumbers.get(link.getKey()).equals(idNumber)) {
                    throw new ServerRefusedException("DEPENDANT_EXISTS",
                            "This person is already added, or a request is waiting for consent.");
                }
            }
        }
        if (open >= 5) {
            throw new ServerRefusedException("TOO_MANY_DEPENDANTS",
                    "You can look after at most 5 family members (pending requests included).");
        }
        String id = UUID.randomUUID().toString();
        FamilyMember member = new FamilyMember(id, name, ResidentIdNumbers.mask(idNumber), relation,
                FamilyMember.State.PENDING, consent, clock.instant(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        links.put(id, member);
        idNumbers.put(id, idNumber);
        if (consent == Consent.PHONE_CODE && name.equals(residentsWithPhone.get(idNumber))) {
            codesSent.add(idNumber);
        }
        return member;
    }

    @Override
    public synchronized FamilyMember confirm(String memberId, String code) throws IOException, ServerRefusedException {
        reach();
        FamilyMember member = found(memberId);
        if (member.state() != FamilyMember.State.PENDING || member.consent() != Consent.PHONE_CODE) {
            throw new ServerRefusedException("DEPENDANT_NOT_AWAITING_CODE", "This request is not waiting for a code.");
        }
        if (!codesSent.contains(idNumbers.get(memberId)) || !CODE.equals(code)) {
            throw new ServerRefusedException("CONSENT_CODE_INVALID",
                    "The code is wrong or has expired (codes go only to the member's own registered phone).");
        }
        return replace(member, FamilyMember.State.ACTIVE, Optional.of(Colour.GREEN));
    }

    @Override
    public synchronized FamilyMember end(String memberId, String reason) throws IOException, ServerRefusedException {
        reach();
        FamilyMember member = found(memberId);
        if (member.state() == FamilyMember.State.ENDED) {
            throw new ServerRefusedException("DEPENDANT_ENDED", "This family link has ended.");
        }
        return replace(member, FamilyMember.State.ENDED, Optional.empty());
    }

    @Override
    public synchronized Guardian endGuardian(String linkId, String reason) throws IOException, ServerRefusedException {
        reach();
        for (int i = 0; i < guardians.size(); i++) {
            Guardian guardian = guardians.get(i);
            if (guardian.id().equals(linkId)) {
                Guardian ended = new Guardian(guardian.id(), guardian.maskedName(), guardian.relation(), false,
                        guardian.consent(), guardian.since());
                guardians.set(i, ended);
                return ended;
            }
        }
        throw new ServerRefusedException("DEPENDANT_NOT_FOUND", "No such family link, or it is not active.");
    }

    @Override
    public synchronized ResidentDownload memberCredentials(String memberId) throws IOException, ServerRefusedException {
        reach();
        active(memberId);
        return new ResidentDownload(Optional.ofNullable(codes.get(memberId)), Collections.emptyList(), clock.instant());
    }

    @Override
    public synchronized void checkIn(String memberId, CheckIn checkIn) throws IOException, ServerRefusedException {
        reach();
        active(memberId);
        checkedIn.add(memberId + " " + checkIn.temperature());
    }

    @Override
    public synchronized byte[] paperCard(String memberId) throws IOException, ServerRefusedException {
        reach();
        active(memberId);
        printed.add(memberId);
        return ("%PDF-1.7 card " + printed.size()).getBytes(StandardCharsets.US_ASCII);
    }

    private FamilyMember found(String memberId) throws ServerRefusedException {
        FamilyMember member = links.get(memberId);
        if (member == null) {
            throw new ServerRefusedException("DEPENDANT_NOT_FOUND", "No such family link, or it is not active.");
        }
        return member;
    }

    private void active(String memberId) throws ServerRefusedException {
        if (found(memberId).state() != FamilyMember.State.ACTIVE) {
            throw new ServerRefusedException("DEPENDANT_NOT_FOUND", "No such family link, or it is not active.");
        }
    }

    private FamilyMember replace(FamilyMember member, FamilyMember.State state, Optional<Colour> colour) {
        FamilyMember next = new FamilyMember(member.id(), member.name(), member.maskedIdNumber(), member.relation(),
                state, member.consent(), member.requestedAt(),
                state == FamilyMember.State.ACTIVE ? Optional.of(clock.instant()) : member.consentedAt(),
                state == FamilyMember.State.ENDED ? Optional.of(clock.instant()) : Optional.empty(), colour,
                Optional.empty());
        links.put(member.id(), next);
        return next;
    }

    private void reach() throws IOException {
        if (unreachable) {
            throw new IOException("server unreachable (test)");
        }
    }
}
