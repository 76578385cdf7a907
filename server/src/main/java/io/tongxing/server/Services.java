package io.tongxing.server;

import io.tongxing.server.account.Accounts;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.auth.AccessTokens;
import io.tongxing.server.auth.Logins;
import io.tongxing.server.auth.OneTimeCodes;
import io.tongxing.server.auth.PasswordHasher;
import io.tongxing.server.auth.Passwords;
import io.tongxing.server.auth.RefreshTokens;
import io.tongxing.server.auth.Throttle;
import io.tongxing.server.checkin.CheckIns;
import io.tongxing.server.colour.ColourService;
import io.tongxing.server.colour.ColourSweep;
import io.tongxing.server.colour.Colours;
import io.tongxing.server.colour.RuleSets;
import io.tongxing.server.config.ServerConfig;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.person.Persons;
import io.tongxing.server.risk.Counties;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

/** Builds the server's services from configuration and dependencies, once per pool. */
public final class Services {

  final Pool pool;
  final AuditLog audit;
  final AccessTokens accessTokens;
  final RefreshTokens refreshTokens;
  final OneTimeCodes codes;
  final Logins logins;
  final RuleSets ruleSets;
  final ColourService colourService;
  final Colours colours;
  final Accounts accounts;
  final CheckIns checkIns;
  final Counties counties;
  final Persons persons;
  final ColourSweep sweep;

  public Services(Vertx vertx, Pool pool, ServerConfig config, Dependencies deps) {
    this.pool = pool;
    FieldCipher cipher = new FieldCipher(deps.keys(), deps.random());
    this.audit = new AuditLog(deps.clock());
    this.accessTokens = new AccessTokens(deps.keys().accessTokenKey(), "tongxing:" + config.regionCode(),
      config.accessTokenTtl(), deps.clock());
    this.refreshTokens = new RefreshTokens(pool, accessTokens, audit, config.refreshTokenTtl(), deps.clock(), deps.random());
    JsonObject argon2 = config.argon2();
    Passwords passwords = new Passwords(vertx, new PasswordHasher(argon2.getInteger("memoryKiB"),
      argon2.getInteger("iterations"), argon2.getInteger("parallelism"), deps.random()));
    Throttle throttle = new Throttle(pool, deps.clock());
    this.codes = new OneTimeCodes(pool, cipher, deps.codeSender(), throttle, deps.clock(), deps.random(), config.oneTimeCodes());
    this.logins = new Logins(pool, cipher, passwords, throttle, refreshTokens, config.loginLimits());
    this.ruleSets = new RuleSets(audit, deps.clock());
    this.colourService = new ColourService(pool, ruleSets, audit, deps.colourListeners(), vertx.eventBus(), deps.clock(),
      config.zone(), config.colourLookbackDays());
    this.colours = new Colours(pool, colourService);
    this.accounts = new Accounts(pool, cipher, passwords, codes, refreshTokens, colourService, audit, deps.clock(), config.zone());
    this.checkIns = new CheckIns(pool, colourService, deps.clock(), config.zone());
    this.counties = new Counties(pool, colourService, audit, deps.clock(), config.zone());
    this.persons = new Persons(pool, accounts, cipher, colourService, colours, audit, deps.clock());
    this.sweep = new ColourSweep(pool, colourService, counties, deps.clock());
  }

  public AccessTokens accessTokens() {
    return accessTokens;
  }

  public Accounts accounts() {
    return accounts;
  }

  public CheckIns checkIns() {
    return checkIns;
  }

  public Counties counties() {
    return counties;
  }

  public Persons persons() {
    return persons;
  }

  public ColourService colourService() {
    return colourService;
  }

  public ColourSweep sweep() {
    return sweep;
  }

  public RuleSets ruleSets() {
    return ruleSets;
  }
}
