package io.tongxing.app.testing;

import io.tongxing.app.platform.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A ticker driven by the test: {@link #advance} moves the clock forward and runs every task that falls
 * due on the way, in time order, with the clock set to each task's time. No test waits for real time.
 */
public final class ManualTicker implements Ticker {
    private final MutableClock clock;
    private final List<Task> tasks = new ArrayList<>();

    public ManualTicker(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Cancellable every(Duration period, Runnable task) {
        Task t = new Task(clock.instant().plus(period), period, task);
        tasks.add(t);
        return () -> cancel(t);
    }

    @Override
    public synchronized Cancellable after(Duration delay, Runnable task) {
        Task t = new Task(clock.instant().plus(delay), null, task);
        tasks.add(t);
        return () -> cancel(t);
    }

    public void advance(Duration duration) {
        Instant target = clock.instant().plus(duration);
        while (true) {
            Task next;
            synchronized (this) {
                next = null;
                for (Task t : tasks) {
                    if (!t.due.isAfter(target) && (next == null || t.due.isBefore(next.due))) {
                        next = t;
                    }
                }
                if (next == null) {
                    break;
                }
                Instant at = next.due;
                if (next.period == null) {
                    tasks.remove(next);
                } else {
                    next.due = next.due.plus(next.period);
                }
                clock.set(at);
            }
            next.task.run();
        }
        clock.set(target);
    }

    /** Tasks still scheduled. */
    public synchronized int scheduled() {
        return tasks.size();
    }

    private synchronized void cancel(Task task) {
        tasks.remove(task);
    }

    private static final class Task {
        Instant due;
        final Duration period;
        final Runnable task;

        Task(Instant due, Duration period, Runnable task) {
            this.due = due;
            this.period = period;
            this.task = task;
        }
    }
}
