package io.tongxing.trust;

import io.tongxing.token.RegionCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A region whose tokens a trust store accepts: its GB/T 2260 code, its names for display, where
 * its status lists are published, its keys, and what it is recognized for.
 *
 * @param statusListBase the URI prefix of the issuer's status lists; list {@code n} is at
 *     {@code statusListBase + n}
 */
public record Issuer(RegionCode region, String name, String nameEn, String statusListBase, List<IssuerKey> keys,
        Recognition recognition) {
    public Issuer {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameEn, "nameEn");
        Objects.requireNonNull(statusListBase, "statusListBase");
        Objects.requireNonNull(recognition, "recognition");
        keys = Collections.unmodifiableList(new ArrayList<>(keys));
    }

    /** The keys whose {@code kid} is {@code kid}: usually one, more only after a harmless collision. */
    public List<IssuerKey> keysWithKid(String kid) {
        List<IssuerKey> matching = new ArrayList<>(1);
        for (IssuerKey key : keys) {
            if (key.kid().equals(kid)) {
                matching.add(key);
            }
        }
        return matching;
    }

    /** The URI of this issuer's status list {@code list}. */
    public String statusListUri(long list) {
        return statusListBase + list;
    }
}
