package io.tongxing.app.model.checkpoint;

import java.util.Objects;

/**
 * What became of a checkpoint download. Anything but {@link Kind#APPLIED} leaves the device's data as it
 * was: the last good copy stays in use.
 *
 * @param listsAccepted status lists that verified and are now held
 * @param listsRefused status lists that did not verify and were dropped
 * @param detail why a download was refused, for the log (not shown to officers)
 */
public record SyncResult(Kind kind, int listsAccepted, int listsRefused, String detail) {

    public enum Kind {
        APPLIED,
        /** The bundle's version is lower than the one the device holds: a rollback, refused. */
        OLDER_BUNDLE,
        /**
         * The signed sync is not signed by a pinned trust key for this device and request, is malformed
         * (its policy too), or names another trust bundle than the one that came with it.
         */
        SYNC_REFUSED,
        /** The bundle is not signed by a pinned trust key, or is malformed. */
        BUNDLE_REFUSED,
        /** The device is not enrolled, so it pins no trust key. */
        NOT_ENROLLED
    }

    public SyncResult {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    static SyncResult refused(Kind kind, String detail) {
        return new SyncResult(kind, 0, 0, detail);
    }
}
