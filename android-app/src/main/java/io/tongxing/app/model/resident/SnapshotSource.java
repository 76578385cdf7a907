package io.tongxing.app.model.resident;

import java.io.IOException;
import java.util.Optional;

/** Where a code screen finds the codes and passes it shows: the resident's own, or a family member's. */
@FunctionalInterface
public interface SnapshotSource {

    /** The last snapshot kept on the phone, if any; an unreadable one is an {@link IOException}. */
    Optional<ResidentSnapshot> load() throws IOException;
}
