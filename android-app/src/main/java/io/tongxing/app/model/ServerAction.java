package io.tongxing.app.model;

import io.tongxing.app.server.ServerRefusedException;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A list screen's work with the server, off the main thread: fetching the list, and one action a person takes on
 * it (ending a family link, refusing an employer...), after which the list is fetched again whatever became of it. What to say comes from the action
 * (done), the server (its refusal, in its words) or the screen (the server was not reached: nothing changed).
 */
public final class ServerAction {
    /** The action; answers what to tell the person when it is done. */
    @FunctionalInterface
    public interface Work {
        String run() throws IOException, ServerRefusedException;
    }

    /** Fetches the list again. */
    @FunctionalInterface
    public interface Fetch<T> {
        T fetch() throws IOException, ServerRefusedException;
    }

    /**
     * What became of fetching a list: the list, or that the server was not reached, or its refusal in its words.
     */
    public record Fetched<T>(Optional<T> list, boolean unreachable, Optional<String> refusal) {
    }

    private ServerAction() {
    }

    /** Runs {@code fetch} on {@code background} and tells {@code done} what became of it. */
    public static <T> void fetch(Executor background, Fetch<T> fetch, Consumer<Fetched<T>> done) {
        background.execute(() -> {
            Fetched<T> fetched;
            try {
                fetched = new Fetched<>(Optional.of(fetch.fetch()), false, Optional.<String>empty());
            } catch (IOException e) {
                fetched = new Fetched<>(Optional.<T>empty(), true, Optional.<String>empty());
            } catch (ServerRefusedException e) {
                fetched = new Fetched<>(Optional.<T>empty(), false, Optional.of(e.getMessage()));
            }
            done.accept(fetched);
        });
    }

    /**
     * Runs {@code work} then {@code fetch} on {@code background} and hands {@code done} what to say and the list
     * fetched, if it could be (if not, the list kept stays: the action's words say enough).
     */
    public static <T> void run(Executor background, Work work, String unreachable, Fetch<T> fetch,
            BiConsumer<String, Optional<T>> done) {
        background.execute(() -> {
            String said;
            try {
                said = work.run();
            } catch (IOException e) {
                said = unreachable;
            } catch (ServerRefusedException e) {
                said = e.getMessage();
            }
            Optional<T> fetched = Optional.empty();
            try {
                fetched = Optional.of(fetch.fetch());
            } catch (IOException | ServerRefusedException e) {
                // The kept list stays.
            }
            done.accept(said, fetched);
        });
    }
}
