package io.tongxing.app.server;

import io.tongxing.app.model.employer.EmployerRefusal;
import io.tongxing.app.model.employer.Employers;
import java.io.IOException;
import java.util.Optional;

/**
 * The resident API's side of being listed as an employee (docs/passes.md, "Employees: no oracle of who is
 * registered"), for the logged-in resident: who lists them, refusing an enterprise, taking a refusal back.
 */
public interface EmployerService {

    /** The enterprises whose listing names the resident, newest first, and those the resident refused. */
    Employers employers() throws IOException, ServerRefusedException;

    /**
     * Refuses the enterprise behind listing {@code listingId}: none of its listings links to the resident, passes
     * issued on them are revoked and waiting applications refused. The enterprise is not told.
     */
    EmployerRefusal refuse(String listingId, Optional<String> reason) throws IOException, ServerRefusedException;

    /** Takes back the refusal of enterprise {@code enterpriseId}: its listings that name the resident link again. */
    void withdraw(String enterpriseId) throws IOException, ServerRefusedException;
}
