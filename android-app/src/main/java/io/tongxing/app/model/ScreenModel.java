package io.tongxing.app.model;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A screen's behaviour without its views: it holds the screen's current state, an immutable value, and
 * tells observers when it changes. Activities observe, render the state and forward events; they decide
 * nothing. Observers may be called on any thread (camera frames arrive on their own); Android's observer
 * posts to the main thread.
 */
public abstract class ScreenModel<S> {
    private final List<Observer<S>> observers = new CopyOnWriteArrayList<>();
    private volatile S state;

    protected ScreenModel(S initial) {
        this.state = Objects.requireNonNull(initial, "initial");
    }

    public final S state() {
        return state;
    }

    /** Adds an observer and tells it the current state at once. */
    public final void observe(Observer<S> observer) {
        observers.add(observer);
        observer.changed(state);
    }

    public final void stopObserving(Observer<S> observer) {
        observers.remove(observer);
    }

    protected final void publish(S next) {
        state = Objects.requireNonNull(next, "state");
        for (Observer<S> observer : observers) {
            observer.changed(next);
        }
    }

    /** Receives each new state. */
    @FunctionalInterface
    public interface Observer<S> {
        void changed(S state);
    }
}
