package io.tongxing.server;

import io.tongxing.server.auth.RevokedLogins;
import io.tongxing.server.config.PublicAddress;
import io.tongxing.server.http.StorageCondition;
import io.tongxing.server.config.ServerConfig;
import io.tongxing.server.db.ChangeNotices;
import io.tongxing.server.healthcode.CodeViews;
import io.tongxing.server.healthcode.CurrentCodes;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running region server: {@code http.instances} verticles (one of them runs the scheduled jobs),
 * a small pool for start-up work such as demo data and for the node's own bookkeeping (the revoked
 * logins it holds), and the connection that hears other nodes' changes ({@link ChangeNotices}).
 */
public final class RegionServer {

  /**
   * Vert.x shares one listening socket among the verticles that listen on the same port. Port 0 would
   * give each verticle a random port of its own, and the node would answer on the first of them only:
   * one event loop for every request. A negative port is Vert.x's shared random port, one per number
   * within a Vert.x instance; each server started with port 0 takes a number of its own.
   */
  private static final AtomicInteger SHARED_RANDOM_PORTS = new AtomicInteger();

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
    int port = config.httpPort() == 0 ? -SHARED_RANDOM_PORTS.incrementAndGet() : config.httpPort();
    StartUp startUp = new StartUp(config.demoData());
    return ChangeNotices.listen(vertx, deps.database()).compose(notices -> {
      Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2).setName("start-up")).connectingTo(deps.database())
        .using(vertx).build();
      // Shared by the node's verticles: what one of them changes, the others serve.
      CurrentCodes currentCodes = new CurrentCodes(notices, config.currentCodeCacheEntries());
      currentCodes.bindTo(deps.metrics());
      NodeCaches caches = new NodeCaches(notices, new RevokedLogins(pool, notices, config.accessTokenTtl(), deps.clock()),
        currentCodes, new CodeViews(config.codeViewCacheBytes()));
      return vertx.deployVerticle(() -> {
          RegionServerVerticle verticle = new RegionServerVerticle(config, port, deps, address, caches, node, storage,
            startUp, verticles.isEmpty());
          verticles.add(verticle);
          return verticle;
        }, new DeploymentOptions().setInstances(config.httpInstances()))
        .onFailure(e -> pool.close().eventually(notices::close))
        .map(id -> new RegionServer(vertx, id, List.copyOf(verticles),
          new Services(vertx, pool, config, deps, address, caches), pool, notices, startUp));
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
