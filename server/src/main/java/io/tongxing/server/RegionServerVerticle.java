package io.tongxing.server;

import io.tongxing.server.account.AccountsApi;
import io.tongxing.server.audit.AuditApi;
import io.tongxing.server.auth.AuthApi;
import io.tongxing.server.checkin.CheckInsApi;
import io.tongxing.server.checkpoint.CheckpointsApi;
import io.tongxing.server.checkpoint.DevicesApi;
import io.tongxing.server.checkpoint.ExposuresApi;
import io.tongxing.server.colour.ColoursApi;
import io.tongxing.server.colour.RulesApi;
import io.tongxing.server.config.PublicAddress;
import io.tongxing.server.config.ServerConfig;
import io.tongxing.server.console.ConsoleRoutes;
import io.tongxing.server.dashboard.Dashboard;
import io.tongxing.server.db.RegionJobs;
import io.tongxing.server.dashboard.DashboardApi;
import io.tongxing.server.healthcode.HealthCodesApi;
import io.tongxing.server.family.FamilyApi;
import io.tongxing.server.federation.Federation;
import io.tongxing.server.federation.FederationApi;
import io.tongxing.server.federation.Outbox;
import io.tongxing.server.health.HealthApi;
import io.tongxing.server.health.StartUp;
import io.tongxing.server.http.AccessControl;
import io.tongxing.server.http.AccessPolicy;
import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.http.Contract;
import io.tongxing.server.http.FailureHandler;
import io.tongxing.server.http.InvalidRequests;
import io.tongxing.server.http.LogBudget;
import io.tongxing.server.http.RequestLog;
import io.tongxing.server.http.StorageCondition;
import io.tongxing.server.http.StorageWatch;
import io.tongxing.server.http.StreamedBodies;
import io.tongxing.server.http.UndecodablePaths;
import io.tongxing.server.person.PersonsApi;
import io.tongxing.server.risk.CountiesApi;
import io.tongxing.server.trust.TrustApi;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * One HTTP front of the region server: its own connection pool, the router built from the OpenAPI
 * contract, and the listening socket. {@link #start()} returns the whole chain, so a deployment
 * fails when the database, the contract or the port fails.
 */
public final class RegionServerVerticle extends VerticleBase {

  /** Where the build puts docs/openapi.yaml on the class path. */
  public static final String CONTRACT = "contract/openapi.yaml";
  static final String SCAN_UPLOAD_PATH = "/api/v1/device/scan-records";
  static final String SYNC_PATH = "/api/v1/device/sync";
  /** Undecodable paths are the anonymous client's to send at will: this many WARN lines a minute, no more. */
  private static final int UNDECODABLE_PATH_LINES_PER_MINUTE = 10;

  private final ServerConfig config;
  /** The configured port, or the negative number of a random port the node's verticles share. */
  private final int port;
  private final Dependencies deps;
  private final PublicAddress address;
  private final boolean runsSweep;
  private final NodeCaches caches;
  private final String node;
  private final StorageCondition storage;
  private final StartUp startUp;
  private Pool pool;
  private HttpServer server;

  RegionServerVerticle(ServerConfig config, int port, Dependencies deps, PublicAddress address, NodeCaches caches, String node,
                       StorageCondition storage, StartUp startUp, boolean runsSweep) {
    this.port = port;
    this.caches = caches;
    this.storage = storage;
    this.startUp = startUp;
    this.node = node;
    this.config = config;
    this.deps = deps;
    this.address = address;
    this.runsSweep = runsSweep;
  }

  @Override
  public Future<?> start() {
    pool = PgBuilder.pool()
      .with(new PoolOptions().setMaxSize(config.dbPoolSize()).setName("http-" + Integer.toHexString(System.identityHashCode(this))))
      .connectingTo(pooled(deps.database()))
      .using(vertx)
      .build();
    Services services = new Services(vertx, pool, config, deps, address, caches);
    return services.ruleSets.ensureDefault(pool)
      .compose(v -> services.signingKeys.ensure(pool))
      .compose(v -> vertx.fileSystem().readFile(CONTRACT))
      .compose(text -> Contract.load(vertx, text).map(contract -> router(contract, text, services)))
      .compose(router -> vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true))
        .requestHandler(new UndecodablePaths(router, new LogBudget(deps.clock(), UNDECODABLE_PATH_LINES_PER_MINUTE)))
        .invalidRequestHandler(new InvalidRequests())
        .listen(port, config.httpHost()))
      .onSuccess(listening -> {
        server = listening;
        address.bound(listening.actualPort());
        if (runsSweep) {
          scheduleJobs(services, new RegionJobs(vertx, pool, node));
        }
      });
  }

  /**
   * One verticle per node keeps the timers; {@link RegionJobs} lets only one node of the region run
   * each tick. The outbox is also kicked when a message is queued (any verticle, over the event bus);
   * outbox rows are claimed with SKIP LOCKED, so a kick and a tick elsewhere never send twice.
   */
  private void scheduleJobs(Services services, RegionJobs jobs) {
    if (config.colourSweepIntervalSeconds() > 0) {
      jobs.every("colour-sweep", Duration.ofSeconds(config.colourSweepIntervalSeconds()), services.sweep::run);
    }
    long passExpiry = services.passes.config().expirySweepIntervalSeconds();
    if (passExpiry > 0) {
      jobs.every("pass-expiry", Duration.ofSeconds(passExpiry), () -> services.passes.expiry().run());
    }
    jobs.every("device-nonce-sweep", config.deviceNonceSweep(), services.devices::sweepNonces);
    // The token key's scheduled rotation; rotateIfDue also takes an advisory lock against a manual rotation.
    jobs.every("token-key-rotation", Duration.ofHours(1), () -> services.signingKeys.rotateIfDue(pool,
      config.tokenKeyRotation(), config.keyRotationLead(), Services.tokenKeyRetention(config)));
    Federation federation = services.federation;
    if (!config.federationFetchInterval().isZero()) {
      // Once per region, at start-up too: a node starting soon after another fetched finds the
      // documents in the database already.
      Supplier<Future<?>> fetch = () -> federation.documents().fetchAll()
        .compose(done -> federation.signatures().forgetOldNonces());
      vertx.setTimer(1, id -> jobs.runIfDue("partner-fetch", config.federationFetchInterval(), fetch));
      jobs.every("partner-fetch", config.federationFetchInterval(), fetch);
    }
    if (!config.outboxInterval().isZero()) {
      jobs.every("outbox", config.outboxInterval(), () -> federation.outbox().deliverDue());
    }
    vertx.eventBus().consumer(Outbox.KICK + config.regionCode(), message -> federation.outbox().deliverDue());
  }

  /**
   * The connection options for request-time pools: statements are prepared once per connection and
   * kept, not parsed and planned on every execution (which cost PostgreSQL more CPU than running them).
   */
  static PgConnectOptions pooled(PgConnectOptions options) {
    return new PgConnectOptions(options).setCachePreparedStatements(true).setPreparedStatementCacheMaxSize(512);
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.actualPort();
  }

  private Router router(OpenAPIContract contract, Buffer contractText, Services services) {
    RouterBuilder builder = RouterBuilder.create(vertx, contract,
      // The body handler has already read the body; hand the validator that copy.
      (ctx, operation) -> RequestUtils.extract(ctx.request(), operation,
        () -> Future.succeededFuture(ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer())));
    builder.rootHandler(new RequestLog());
    builder.rootHandler(new StorageWatch(storage));
    // Scan-record batches (500 records) and device syncs (up to 1,000 held status lists) are larger
    // than any other request; every other body keeps the small limit.
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes());
    BodyHandler uploads = BodyHandler.create(false).setBodyLimit(config.scanUploadBodyLimitBytes());
    BodyHandler syncs = BodyHandler.create(false).setBodyLimit(config.syncBodyLimitBytes());
    // Bulk imports (x-streamed-body) skip them all: their handlers read the body as a stream.
    builder.rootHandler(new StreamedBodies(contract, ctx -> {
      String path = ctx.normalizedPath();
      (SCAN_UPLOAD_PATH.equals(path) ? uploads : SYNC_PATH.equals(path) ? syncs : bodies).handle(ctx);
    }));
    builder.rootHandler(new AccessControl(contract, new AccessPolicy(contract), services.accessTokens, caches.revokedLogins(), services.devices,
      services.federation.signatures()));

    ApiRoutes routes = new ApiRoutes(builder);
    new HealthApi(pool, storage, startUp, deps.metrics(), contractText, config.regionCode(), config.regionName()).addRoutes(routes);
    new AuthApi(services.codes, services.logins, services.refreshTokens, services.accounts).addRoutes(routes);
    new AccountsApi(services.accounts, services.staffAccounts, services.enterprises).addRoutes(routes);
    new CheckInsApi(services.checkIns).addRoutes(routes);
    new ColoursApi(services.colours).addRoutes(routes);
    new CountiesApi(services.counties, services.countyMap).addRoutes(routes);
    new PersonsApi(services.persons).addRoutes(routes);
    new RulesApi(pool, services.ruleSets, services.colourService).addRoutes(routes);
    new AuditApi(pool, services.audit).addRoutes(routes);
    new HealthCodesApi(services.healthCodes, caches.codeViews(), deps.clock()).addRoutes(routes);
    new TrustApi(pool, services.signingKeys, services.trustBundles, services.statusLists).addRoutes(routes);
    services.keysApi.addRoutes(routes);
    new CheckpointsApi(services.checkpoints, services.devices, services.scanLog).addRoutes(routes);
    new DevicesApi(services.checkpointSyncs, services.scanLog, services.idChecks).addRoutes(routes);
    new FamilyApi(pool, services.dependants, services.paperCards, services.checkIns, services.healthCodes,
      services.passes.passes()).addRoutes(routes);
    new ExposuresApi(services.exposures).addRoutes(routes);
    new FederationApi(pool, services.federation, deps.clock()).addRoutes(routes);
    services.passes.addRoutes(routes);
    new DashboardApi(new Dashboard(pool, deps.clock(), config.zone())).addRoutes(routes);
    routes.requireAllHandled();

    Router router = builder.createRouter();
    if (config.trustForwardedFor()) {
      router.allowForward(AllowForwardHeaders.X_FORWARD);
    }
    ConsoleRoutes.addTo(router);
    FailureHandler failures = new FailureHandler(storage);
    router.route().failureHandler(failures);
    router.errorHandler(404, failures);
    router.errorHandler(405, failures);
    return router;
  }
}
