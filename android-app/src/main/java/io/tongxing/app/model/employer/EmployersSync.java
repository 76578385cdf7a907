package io.tongxing.app.model.employer;

import io.tongxing.app.server.EmployerService;
import io.tongxing.app.server.ServerRefusedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Brings the list of who lists this resident from the home server into the {@link EmployersVault}. The
 * background refresh asks it which listings are new, to tell the resident once; the screen shows the rest.
 */
public final class EmployersSync {
    private final EmployerService service;
    private final EmployersVault vault;

    public EmployersSync(EmployerService service, EmployersVault vault) {
        this.service = Objects.requireNonNull(service, "service");
        this.vault = Objects.requireNonNull(vault, "vault");
    }

    /** Fetches and keeps the list. */
    public Employers refresh() throws IOException, ServerRefusedException {
        Employers employers = service.employers();
        vault.save(employers);
        return employers;
    }

    /**
     * Fetches and keeps the list, and answers the active listings the resident was neither shown nor told of, now
     * counted as told: each is told once, whether or not the phone may show a notification (the home screen's
     * badge stays until the resident opens the screen).
     */
    public List<EmployerListing> refreshAndTell() throws IOException, ServerRefusedException {
        refresh();
        List<EmployerListing> untold = vault.untold();
        List<String> ids = new ArrayList<>();
        for (EmployerListing listing : untold) {
            ids.add(listing.listingId());
        }
        vault.told(ids);
        return untold;
    }
}
