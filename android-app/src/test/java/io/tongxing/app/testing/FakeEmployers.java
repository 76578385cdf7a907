package io.tongxing.app.testing;

import io.tongxing.app.model.employer.EmployerListing;
import io.tongxing.app.model.employer.EmployerRefusal;
import io.tongxing.app.model.employer.Employers;
import io.tongxing.app.model.employer.Enterprise;
import io.tongxing.app.server.EmployerService;
import io.tongxing.app.server.ServerRefusedException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The resident's employer endpoints as docs/openapi.yaml and the server behave, for one resident: listings newest
 * first; a refusal unlinks every listing of that enterprise and keeps them away while it stands; taking it back
 * links the active ones again; refusals with the server's codes and English words. It can be made unreachable.
 */
public final class FakeEmployers implements EmployerService {
    /** Listings linked to the resident, oldest first. */
    public final List<EmployerListing> listings = new ArrayList<>();
    /** Refusals by enterprise id, with the reason sent. */
    public final Map<String, EmployerRefusal> refusals = new LinkedHashMap<>();
    private final List<EmployerListing> unlinked = new ArrayList<>();
    public boolean unreachable;
    private final Clock clock;

    public FakeEmployers(Clock clock) {
        this.clock = clock;
    }

    /** An enterprise lists the resident with their name and ID number: a new listing, linked. */
    public synchronized EmployerListing listedBy(String name, String creditCode) {
        EmployerListing listing = new EmployerListing(UUID.randomUUID().toString(),
                new Enterprise(UUID.randomUUID().toString(), name, creditCode), clock.instant(), true);
        listings.add(listing);
        return listing;
    }

    /** The enterprise ended the employment of listing {@code listingId}. */
    public synchronized void ended(String listingId) {
        for (int i = 0; i < listings.size(); i++) {
            if (listings.get(i).listingId().equals(listingId)) {
                EmployerListing was = listings.get(i);
                listings.set(i, new EmployerListing(was.listingId(), was.enterprise(), was.listedAt(), false));
            }
        }
    }

    @Override
    public synchronized Employers employers() throws IOException {
        reach();
        List<EmployerListing> newestFirst = new ArrayList<>();
        for (int i = listings.size() - 1; i >= 0; i--) {
            newestFirst.add(listings.get(i));
        }
        List<EmployerRefusal> refused = new ArrayList<>(refusals.values());
        return new Employers(newestFirst, refused, clock.instant());
    }

    @Override
    public synchronized EmployerRefusal refuse(String listingId, Optional<String> reason)
            throws IOException, ServerRefusedException {
        reach();
        Optional<EmployerListing> listing = listings.stream().filter(l -> l.listingId().equals(listingId)).findFirst();
        if (!listing.isPresent()) {
            throw new ServerRefusedException("LISTING_NOT_FOUND", "No such listing of yours.");
        }
        Enterprise enterprise = listing.get().enterprise();
        EmployerRefusal refusal = new EmployerRefusal(enterprise, clock.instant(), reason);
        refusals.putIfAbsent(enterprise.id(), refusal);
        for (Iterator<EmployerListing> each = listings.iterator(); each.hasNext();) {
            EmployerListing its = each.next();
            if (its.enterprise().id().equals(enterprise.id())) {
                unlinked.add(its);
                each.remove();
            }
        }
        return refusals.get(enterprise.id());
    }

    @Override
    public synchronized void withdraw(String enterpriseId) throws IOException, ServerRefusedException {
        reach();
        if (refusals.remove(enterpriseId) == null) {
            throw new ServerRefusedException("REFUSAL_NOT_FOUND", "No such refusal of yours.");
        }
        for (Iterator<EmployerListing> each = unlinked.iterator(); each.hasNext();) {
            EmployerListing its = each.next();
            if (its.enterprise().id().equals(enterpriseId) && its.active()) {
                listings.add(its);
                each.remove();
            }
        }
    }

    private void reach() throws IOException {
        if (unreachable) {
            throw new IOException("server not reachable");
        }
    }
}
