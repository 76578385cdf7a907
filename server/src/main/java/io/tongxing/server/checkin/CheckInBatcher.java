package io.tongxing.server.checkin;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Group commit for check-ins. A check-in is written at once while fewer than {@code maxInFlight}
 * batches are being written; otherwise it waits for a batch to finish and goes with the next one,
 * up to {@code maxBatch} together. At low load every check-in is its own transaction and waits for
 * nothing; under load they share transactions and statements, and the database does a fraction of
 * the work a check-in would need alone.
 *
 * <p>On Citus a batch would span the shards of all its residents (a two-phase commit on every
 * worker, and row locks Citus takes only on one shard at a time), so there a batch is one check-in
 * and as many are written at once as the pool has connections: each worker commits its own.
 */
final class CheckInBatcher<J, R> {

  static final int MAX_BATCH = 64;
  static final int MAX_IN_FLIGHT = 4;

  /** Writes a batch; the answer holds one result or failure a job, in order. */
  interface Writer<J, R> extends Function<List<J>, Future<List<Outcome<R>>>> {
  }

  /** One job's result, or why it failed while the rest of its batch succeeded. */
  record Outcome<R>(R result, Throwable failure) {
    static <R> Outcome<R> of(R result) {
      return new Outcome<>(result, null);
    }

    static <R> Outcome<R> failed(Throwable failure) {
      return new Outcome<>(null, failure);
    }
  }

  private final Writer<J, R> writer;
  private final int maxBatch;
  private final int maxInFlight;
  private final Deque<Pending<J, R>> waiting = new ArrayDeque<>();
  private int inFlight;

  CheckInBatcher(Writer<J, R> writer) {
    this(writer, MAX_BATCH, MAX_IN_FLIGHT);
  }

  CheckInBatcher(Writer<J, R> writer, int maxBatch, int maxInFlight) {
    this.writer = writer;
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
  }

  /** One check-in a transaction, {@code connections} at once (Citus: each stays on its resident's shard). */
  static <J, R> CheckInBatcher<J, R> single(Writer<J, R> writer, int connections) {
    return new CheckInBatcher<>(writer, 1, connections);
  }

  Future<R> submit(J job) {
    Pending<J, R> pending = new Pending<>(job, Promise.promise());
    synchronized (this) {
      waiting.add(pending);
    }
    drain();
    return pending.promise.future();
  }

  /** Starts batches while there is room; called on submission and whenever a batch finishes. */
  private void drain() {
    while (true) {
      List<Pending<J, R>> batch = new ArrayList<>();
      synchronized (this) {
        if (inFlight >= maxInFlight || waiting.isEmpty()) {
          return;
        }
        while (batch.size() < maxBatch && !waiting.isEmpty()) {
          batch.add(waiting.poll());
        }
        inFlight++;
      }
      write(batch);
    }
  }

  private void write(List<Pending<J, R>> batch) {
    List<J> jobs = new ArrayList<>(batch.size());
    batch.forEach(pending -> jobs.add(pending.job));
    Future<List<Outcome<R>>> written;
    try {
      written = writer.apply(jobs);
    } catch (RuntimeException e) {
      written = Future.failedFuture(e);
    }
    written.onComplete(result -> {
      for (int i = 0; i < batch.size(); i++) {
        Promise<R> promise = batch.get(i).promise;
        if (result.failed()) {
          promise.fail(result.cause());
        } else if (result.result().get(i).failure() != null) {
          promise.fail(result.result().get(i).failure());
        } else {
          promise.complete(result.result().get(i).result());
        }
      }
      synchronized (this) {
        inFlight--;
      }
      drain();
    });
  }

  private record Pending<J, R>(J job, Promise<R> promise) {
  }
}
