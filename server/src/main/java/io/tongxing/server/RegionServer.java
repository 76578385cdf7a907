package io.tongxing.server;

import io.tongxing.server.auth.RevokedLogins;
import io.tongxing.server.config.PublicAddress;
import io.tongxing.server.http.StorageCondition;
import io.tongxing.server.config.ServerConfig;
import io.tongxing.server.db.ChangeNotices;
import io.tongxing.server.health.StartUp;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.tongxing.server.db.Database;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A running region server: {@code http.instances} verticles (one of them runs the scheduled jobs),
 * a small pool for start-up work such as demo data and for the node's own bookkeeping (the revoked
 * logins it holds), and the connection that hears other nodes' changes ({@link ChangeNotices}).
 */
public final class RegionServer {

  private final Vertx vertx;
  private final String deploymentId;
  private final List<RegionServerVerticle> verticles;
  private final Services services;
  private final Pool pool;
  private final ChangeNotices notices;
  private final StartUp startUp;

  private RegionServer(Vertx vertx, String deploymentId, List<RegionServerVerticle> verticles, Services services, Pool pool,
                       ChangeNotices notices, StartUp startUp) {
    this.vertx = vertx;
    this.startUp = startUp;
    this.notices = notices;
    this.deploymentId = deploymentId;
    this.verticles = verticles;
    this.services = services;
    this.pool = pool;
  }

  public static Future<RegionServer> start(Vertx vertx, ServerConfig config, Dependencies given) {
    Dependencies deps = config.citus() ? given.withDatabase(Database.citusSessions(given.database())) : given;
    List<RegionServerVerticle> verticles = Collections.synchronizedList(new ArrayList<>());
    PublicAddress address = new PublicAddress(config.publicUrl());
    // Names this node in region_jobs: which node ran a job last.
    String node = "node-" + Long.toHexString(deps.random().nextLong());
    StorageCondition storage = new StorageCondition();
    StartUp startUp = new StartUp(config.demoData());
    return ChangeNotices.listen(vertx, deps.database()).compose(notices -> {
      Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2).setName("start-up")).connectingTo(deps.database())
        .using(vertx).build();
      RevokedLogins revokedLogins = new RevokedLogins(pool, notices, config.accessTokenTtl(), deps.clock());
      return vertx.deployVerticle(() -> {
          RegionServerVerticle verticle = new RegionServerVerticle(config, deps, address, notices, revokedLogins, node, storage,
            startUp, verticles.isEmpty());
          verticles.add(verticle);
          return verticle;
        }, new DeploymentOptions().setInstances(config.httpInstances()))
        .onFailure(e -> pool.close().eventually(notices::close))
        .map(id -> new RegionServer(vertx, id, List.copyOf(verticles),
          new Services(vertx, pool, config, deps, address, notices, revokedLogins), pool, notices, startUp));
    });
  }

  public int port() {
    return verticles.get(0).port();
  }

  /** Services on the server's own small pool, for start-up work and tests. */
  public Services services() {
    return services;
  }

  /** Start-up work (the demo data) is done: {@code /health/ready} may say so. */
  public void startedUp() {
    startUp.done();
  }

  public Future<Void> stop() {
    return vertx.undeploy(deploymentId).eventually(pool::close).eventually(notices::close);
  }
}
