package io.tongxing.server.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs the region's scheduled jobs (colour sweep, pass expiry, partner fetches, outbox retries, key
 * rotation, nonce sweeps) once per region however many nodes tick: every node's timer tries to
 * claim the job's row in {@code region_jobs}, and only the claim that finds the last run older than
 * {@link #SLACK} of the interval runs it. A node that dies simply stops claiming; the next tick of
 * another node takes over. The lease is timed by the database's clock, not the nodes' (which may
 * differ, and which tests hold still): it is about elapsed time between nodes, not domain time.
 */
public final class RegionJobs {

  /** A claim succeeds after this share of the interval, so timer jitter does not skip a run. */
  static final double SLACK = 0.8;
  private static final Logger LOG = LoggerFactory.getLogger(RegionJobs.class);

  private final Vertx vertx;
  private final Pool pool;
  private final String node;

  public RegionJobs(Vertx vertx, Pool pool, String node) {
    this.vertx = vertx;
    this.pool = pool;
    this.node = node;
  }

  /** Every {@code interval}, runs {@code job} if no node of the region has run it within that interval. */
  public void every(String job, Duration interval, Supplier<Future<?>> work) {
    vertx.setPeriodic(interval.toMillis(), id -> runIfDue(job, interval, work));
  }

  /** Runs {@code work} now if it is this node's turn; the future tells whether it ran. */
  public Future<Boolean> runIfDue(String job, Duration interval, Supplier<Future<?>> work) {
    return claim(job, interval)
      .compose(mine -> mine ? work.get().map(true) : Future.succeededFuture(false))
      .onFailure(e -> LOG.warn("scheduled job {} did not run: {}", job, e.toString()));
  }

  Future<Boolean> claim(String job, Duration interval) {
    return pool.preparedQuery("insert into region_jobs (job, node, started_at) values ($1, $2, clock_timestamp()) "
        + "on conflict (job) do update set node = excluded.node, started_at = excluded.started_at "
        + "where region_jobs.started_at <= clock_timestamp() - make_interval(secs => $3) returning node")
      .execute(Tuple.of(job, node, interval.toMillis() * SLACK / 1000.0))
      .map(rows -> rows.rowCount() == 1);
  }
}
