package io.tongxing.server.colour;

import io.tongxing.server.risk.Counties;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Colours also change because days pass (a yellow code turns green after seven normal check-ins)
 * and because risk levels set for later take effect. The sweep recomputes every non-green resident
 * and the visitors of counties whose level took effect since the last sweep.
 */
public final class ColourSweep {

  private static final Logger LOG = LoggerFactory.getLogger(ColourSweep.class);

  private final Pool pool;
  private final ColourService colours;
  private final Counties counties;
  private final Clock clock;
  private Instant lastSweep;

  public ColourSweep(Pool pool, ColourService colours, Counties counties, Clock clock) {
    this.pool = pool;
    this.colours = colours;
    this.counties = counties;
    this.clock = clock;
    this.lastSweep = clock.instant().minus(Duration.ofDays(1));
  }

  public Future<Integer> run() {
    Instant now = clock.instant();
    return pool.query("select account_id from colour_states where colour <> 'GREEN'").execute()
      .compose(rows -> {
        List<UUID> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.getUUID("account_id")));
        return colours.refreshAll(ids, "daily recomputation");
      })
      .compose(changed -> counties.levelsEffectiveBetween(lastSweep, now)
        .compose(codes -> codes.isEmpty() ? Future.succeededFuture(0) : counties.recomputeVisitors(codes, "risk level took effect"))
        .map(more -> changed + more))
      .onSuccess(changed -> {
        lastSweep = now;
        if (changed > 0) {
          LOG.info("colour sweep: {} colours changed", changed);
        }
      })
      .onFailure(e -> LOG.warn("colour sweep failed; next run retries: {}", e.toString()));
  }
}
