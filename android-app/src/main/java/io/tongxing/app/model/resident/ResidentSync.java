package io.tongxing.app.model.resident;

import io.tongxing.app.platform.HolderKeyStore;
import io.tongxing.app.server.ResidentDownload;
import io.tongxing.app.server.ResidentSource;
import io.tongxing.app.server.ServerRefusedException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Brings the resident's codes and passes from the home server into the vault. When the server cannot be
 * reached the last snapshot stays, and the screens show it with its age.
 */
public final class ResidentSync {
    private final ResidentSource source;
    private final ResidentVault vault;
    private final HolderKeyStore keys;
    private final Clock clock;

    public ResidentSync(ResidentSource source, ResidentVault vault, HolderKeyStore keys, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** At login: registers this phone's holder key, so that the next tokens are bound to it. */
    public void registerPhone() throws IOException, ServerRefusedException, GeneralSecurityException {
        source.registerHolderKey(keys.holderKey());
    }

    /** Fetches and stores the current codes and passes; on any failure the stored ones stay untouched. */
    public void refresh() throws IOException, ServerRefusedException {
        refreshFrom();
    }

    /**
     * Fetches and stores as {@link #refresh} does, and answers the snapshots before and after, for the
     * background job to tell the resident what changed ({@link ResidentNotices}). A copy that does not read
     * counts as none.
     */
    public Change refreshAndCompare() throws IOException, ServerRefusedException {
        Optional<ResidentSnapshot> before;
        try {
            before = vault.load();
        } catch (IOException e) {
            before = Optional.empty();
        }
        return new Change(before, refreshFrom());
    }

    /** The copy the phone held and the one it holds now. */
    public record Change(Optional<ResidentSnapshot> before, ResidentSnapshot after) {
    }

    private ResidentSnapshot refreshFrom() throws IOException, ServerRefusedException {
        ResidentDownload download = source.fetchCredentials();
        ResidentSnapshot after = new ResidentSnapshot(download.healthCode(), download.passes(), clock.instant());
        vault.save(after);
        return after;
    }
}
