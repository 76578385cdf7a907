package io.tongxing.app.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What a list screen knows of its list from the server: the list (kept on the phone or fetched), whether the
 * server was out of reach when last asked, whether an action is under way, and what to tell the person. Not
 * thread-safe: the screen holding it guards it with its own lock.
 */
public final class ServerList<T> {
    private Optional<T> list = Optional.empty();
    private boolean offline;
    private boolean busy;
    private Optional<String> message = Optional.empty();

    public Optional<T> list() {
        return list;
    }

    /** The server was out of reach when last asked: the list shown is the phone's copy. */
    public boolean offline() {
        return offline;
    }

    /** An action is under way: the buttons wait. */
    public boolean busy() {
        return busy;
    }

    public Optional<String> message() {
        return message;
    }

    /** The phone's copy, shown before the server answers (empty if none was kept or it could not be read). */
    public void kept(Optional<T> kept) {
        list = Objects.requireNonNull(kept, "kept");
    }

    /** What became of fetching the list; answers whether a list came. */
    public boolean fetched(ServerAction.Fetched<T> fetched) {
        boolean came = received(fetched.list());
        offline |= fetched.unreachable();
        if (fetched.refusal().isPresent()) {
            message = fetched.refusal();
        }
        return came;
    }

    /** An action begins, saying {@code working}; false (and nothing changes) while another is under way. */
    public boolean begin(String working) {
        if (busy) {
            return false;
        }
        busy = true;
        message = Optional.of(working);
        return true;
    }

    /** The action ended, saying {@code said}, with the list fetched after it if it could be; answers whether it was. */
    public boolean ended(String said, Optional<T> fetched) {
        busy = false;
        message = Optional.of(said);
        return received(fetched);
    }

    private boolean received(Optional<T> fetched) {
        if (!fetched.isPresent()) {
            return false;
        }
        list = fetched;
        offline = false;
        return true;
    }
}
