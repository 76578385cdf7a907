package io.tongxing.trust;

import io.tongxing.token.RegionCode;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The issuers a checkpoint trusts, as its home region's trust bundle lists them: the home region
 * itself and each recognized partner, keyed by region code. A trust store is only as current as
 * its bundle: after {@link #expiresAt()} verifiers answer REVIEW.
 */
public final class TrustStore {
    private final RegionCode home;
    private final long version;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final Map<RegionCode, Issuer> issuers;
    private final List<ECPublicKey> nextTrustKeys;

    public TrustStore(RegionCode home, long version, Instant issuedAt, Instant expiresAt, Collection<Issuer> issuers) {
        this(home, version, issuedAt, expiresAt, issuers, Collections.<ECPublicKey>emptyList());
    }

    /**
     * A trust store whose bundle also announces the home region's next trust key(s): a device that
     * verified the bundle with its pinned key adds them to its pins, so bundles signed by the next
     * key verify after a trust-key rotation.
     */
    public TrustStore(RegionCode home, long version, Instant issuedAt, Instant expiresAt, Collection<Issuer> issuers,
            List<ECPublicKey> nextTrustKeys) {
        this.home = Objects.requireNonNull(home, "home");
        this.version = version;
        this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        if (!issuedAt.isBefore(expiresAt)) {
            throw new IllegalArgumentException("a trust store must be issued before it expires");
        }
        Map<RegionCode, Issuer> byRegion = new LinkedHashMap<>();
        for (Issuer issuer : issuers) {
            if (byRegion.put(issuer.region(), issuer) != null) {
                throw new IllegalArgumentException("issuer " + issuer.region() + " is listed twice");
            }
        }
        this.issuers = Collections.unmodifiableMap(byRegion);
        this.nextTrustKeys = Collections.unmodifiableList(new ArrayList<>(nextTrustKeys));
    }

    public RegionCode home() {
        return home;
    }

    /** The bundle's version; a device never goes back to a lower one. */
    public long version() {
        return version;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Optional<Issuer> issuer(RegionCode region) {
        return Optional.ofNullable(issuers.get(region));
    }

    public Collection<Issuer> issuers() {
        return issuers.values();
    }

    /** Trust keys the home region will sign bundles with after its next rotation; pin them too. */
    public List<ECPublicKey> nextTrustKeys() {
        return nextTrustKeys;
    }

    /** True if some issuer other than {@code except} has a key with this {@code kid}. */
    public boolean kidBelongsToAnotherIssuer(String kid, RegionCode except) {
        for (Issuer issuer : issuers.values()) {
            if (!issuer.region().equals(except) && !issuer.keysWithKid(kid).isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
