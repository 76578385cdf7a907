package io.tongxing.verify;

import io.tongxing.status.VerifiedStatusList;
import io.tongxing.token.RegionCode;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The verified status lists a checkpoint holds, found by issuer and list number. */
public final class StatusLists {
    private final Map<Key, VerifiedStatusList> lists;

    private StatusLists(Map<Key, VerifiedStatusList> lists) {
        this.lists = lists;
    }

    /** The lists; of two for the same issuer and number, the newer one counts. */
    public static StatusLists of(Collection<VerifiedStatusList> lists) {
        Map<Key, VerifiedStatusList> byKey = new HashMap<>();
        for (VerifiedStatusList list : lists) {
            byKey.merge(new Key(list.issuer(), list.listId()), list,
                    (a, b) -> a.issuedAt().isAfter(b.issuedAt()) ? a : b);
        }
        return new StatusLists(Collections.unmodifiableMap(byKey));
    }

    public static StatusLists none() {
        return new StatusLists(Collections.emptyMap());
    }

    public Optional<VerifiedStatusList> find(RegionCode issuer, long list) {
        return Optional.ofNullable(lists.get(new Key(issuer, list)));
    }

    /** The newest {@code iat} among the lists, if there are any. */
    public Optional<Instant> newestIssuedAt() {
        Instant newest = null;
        for (VerifiedStatusList list : lists.values()) {
            if (newest == null || list.issuedAt().isAfter(newest)) {
                newest = list.issuedAt();
            }
        }
        return Optional.ofNullable(newest);
    }

    private record Key(RegionCode issuer, long list) {
    }
}
