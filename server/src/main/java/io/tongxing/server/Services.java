package io.tongxing.server;

import io.tongxing.server.account.Accounts;
import io.tongxing.server.account.Enterprises;
import io.tongxing.server.account.StaffAccounts;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.auth.AccessTokens;
import io.tongxing.server.auth.Logins;
import io.tongxing.server.auth.LookupBudget;
import io.tongxing.server.auth.OneTimeCodes;
import io.tongxing.server.auth.PasswordHasher;
import io.tongxing.server.auth.Passwords;
import io.tongxing.server.auth.RefreshTokens;
import io.tongxing.server.auth.RevokedLogins;
import io.tongxing.server.auth.Throttle;
import io.tongxing.server.checkin.CheckIns;
import io.tongxing.server.checkpoint.CheckpointSyncs;
import io.tongxing.server.checkpoint.Checkpoints;
import io.tongxing.server.checkpoint.Devices;
import io.tongxing.server.checkpoint.Exposures;
import io.tongxing.server.checkpoint.ScanLog;
import io.tongxing.server.colour.ColourService;
import io.tongxing.server.colour.ColourSweep;
import io.tongxing.server.colour.Colours;
import io.tongxing.server.colour.RuleSets;
import io.tongxing.server.colour.ColourChangeListener;
import io.tongxing.server.config.PublicAddress;
import io.tongxing.server.config.ServerConfig;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.db.ChangeNotices;
import io.tongxing.server.healthcode.HealthCodes;
import io.tongxing.server.keys.KeysApi;
import io.tongxing.server.keys.SigningKeys;
import io.tongxing.server.checkpoint.IdChecks;
import io.tongxing.server.family.Dependants;
import io.tongxing.server.papercard.PaperCardPdf;
import io.tongxing.server.papercard.PaperCards;
import io.tongxing.server.pass.PassConfig;
import io.tongxing.server.pass.PassServices;
import io.tongxing.server.person.Persons;
import io.tongxing.server.risk.Counties;
import io.tongxing.server.risk.CountyMap;
import io.tongxing.server.status.StatusIndexes;
import io.tongxing.server.status.StatusListPublisher;
import io.tongxing.server.status.TokenStatuses;
import io.tongxing.server.federation.Federation;
import io.tongxing.server.trust.TrustApi;
import io.tongxing.server.trust.TrustBundles;
import io.tongxing.token.RegionCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds the server's services from configuration and dependencies, once per pool. */
public final class Services {

  final Pool pool;
  final AuditLog audit;
  final AccessTokens accessTokens;
  final RevokedLogins revokedLogins;
  final RefreshTokens refreshTokens;
  final OneTimeCodes codes;
  final Logins logins;
  final RuleSets ruleSets;
  final ColourService colourService;
  final Colours colours;
  final Accounts accounts;
  final StaffAccounts staffAccounts;
  final Enterprises enterprises;
  final CheckIns checkIns;
  final Counties counties;
  final CountyMap countyMap;
  final Persons persons;
  final ColourSweep sweep;
  final SigningKeys signingKeys;
  final StatusListPublisher statusLists;
  final TrustBundles trustBundles;
  final HealthCodes healthCodes;
  final KeysApi keysApi;
  final Checkpoints checkpoints;
  final Devices devices;
  final CheckpointSyncs checkpointSyncs;
  final ScanLog scanLog;
  final Exposures exposures;
  final Federation federation;
  final PassServices passes;
  final PaperCards paperCards;
  final Dependants dependants;
  final IdChecks idChecks;

  Services(Vertx vertx, Pool pool, ServerConfig config, Dependencies deps, PublicAddress address, NodeCaches caches) {
    this.pool = pool;
    this.revokedLogins = caches.revokedLogins();
    ChangeNotices notices = caches.notices();
    FieldCipher cipher = new FieldCipher(deps.keys(), deps.random());
    this.audit = new AuditLog(deps.clock());
    RegionCode region = RegionCode.of(config.regionCode());
    this.signingKeys = new SigningKeys(cipher, deps.jcaProvider(), deps.random(), notices, deps.clock());
    StatusIndexes indexes = new StatusIndexes(derivedKey(deps.keys().lookupKey(), "status-index permutation"),
      config.statusListBits());
    this.statusLists = new StatusListPublisher(signingKeys, notices, indexes, region, address::statusListBase, deps.clock(),
      config.statusListTtl(), config.statusListResign(), config.statusListValidity());
    this.healthCodes = new HealthCodes(pool, signingKeys, indexes, new TokenStatuses(), caches.currentCodes(), cipher, audit, region,
      config.healthCodeValidity(), deps.clock());
    this.keysApi = new KeysApi(pool, signingKeys, audit, deps.clock(), config.keyRotationLead(), tokenKeyRetention(config),
      config.trustBundleValidity());
    this.ruleSets = new RuleSets(audit, notices, deps.clock());
    Throttle throttle = new Throttle(pool, deps.clock());
    LookupBudget staffLookups = new LookupBudget(throttle, "staff", config.staffLookupsPerHour(), Duration.ofHours(1));
    this.passes = new PassServices(pool, signingKeys, indexes, cipher, audit, ruleSets, PassConfig.from(config),
      new LookupBudget(throttle, "enterprise", config.enterpriseLookupsPerDay(), Duration.ofDays(1)), staffLookups, deps.clock());
    this.paperCards = new PaperCards(pool, signingKeys, indexes, new TokenStatuses(), cipher, audit,
      new PaperCardPdf(config.paperCardFont(), config.zone()),
      new PaperCards.Settings(region, config.regionName(), config.regionNameEn(), config.paperCardValidity()), deps.clock());
    // Issuance first: a listener that fails after it rolls the issued code back with everything else.
    List<ColourChangeListener> listeners = new ArrayList<>();
    listeners.add(healthCodes);
    listeners.add(passes.suspensions());
    listeners.add(paperCards);
    listeners.addAll(deps.colourListeners());
    this.accessTokens = new AccessTokens(deps.keys().accessTokenKey(), "tongxing:" + config.regionCode(),
      config.accessTokenTtl(), deps.clock());
    this.refreshTokens = new RefreshTokens(pool, accessTokens, revokedLogins, audit, config.refreshTokenTtl(), deps.clock(), deps.random());
    JsonObject argon2 = config.argon2();
    Passwords passwords = new Passwords(vertx, new PasswordHasher(argon2.getInteger("memoryKiB"),
      argon2.getInteger("iterations"), argon2.getInteger("parallelism"), deps.random()));
    this.codes = new OneTimeCodes(pool, cipher, deps.codeSender(), throttle, deps.clock(), deps.random(), config.oneTimeCodes());
    this.logins = new Logins(pool, cipher, passwords, throttle, refreshTokens, config.loginLimits());
    this.colourService = new ColourService(pool, ruleSets, audit, listeners, vertx.eventBus(), deps.clock(),
      config.zone(), config.colourLookbackDays());
    this.colours = new Colours(pool, colourService);
    this.accounts = new Accounts(pool, cipher, passwords, codes, refreshTokens, colourService, audit, deps.clock(), config.zone(),
      deps.random());
    this.staffAccounts = new StaffAccounts(pool, passwords, refreshTokens, audit);
    this.enterprises = new Enterprises(pool);
    this.countyMap = new CountyMap(vertx, config.regionCode());
    this.checkIns = new CheckIns(pool, colourService, healthCodes, audit, deps.clock(), config.zone(),
      config.groupCommit() ? 0 : config.dbPoolSize());
    this.counties = new Counties(pool, colourService, audit, deps.clock(), config.zone());
    this.persons = new Persons(pool, accounts, cipher, colourService, colours, audit, staffLookups, deps.clock());
    this.sweep = new ColourSweep(pool, colourService, counties, deps.clock());
    this.federation = new Federation(vertx, pool, cipher, audit, signingKeys, persons, accounts, deps.jcaProvider(),
      deps.random(), deps.clock(), new Federation.Settings(region, config.zone(), config.requestWindow(), config.retryBase(),
      config.retryMax(), config.partnerHttpLimits()));
    this.trustBundles = new TrustBundles(signingKeys, federation.issuers(), region, config.regionName(),
      config.regionNameEn(), address, deps.clock(), config.trustBundleValidity(), config.trustBundleResign());
    this.checkpoints = new Checkpoints(pool, audit, region, deps.clock());
    this.devices = new Devices(pool, checkpoints, signingKeys, throttle, audit,
      derivedKey(deps.keys().lookupKey(), "enrollment codes"), deps.jcaProvider(), deps.random(), deps.clock(),
      config.enrollmentCodeTtl(), config.deviceRequestSkew());
    this.checkpointSyncs = new CheckpointSyncs(pool, checkpoints, trustBundles, statusLists, indexes,
      federation.documents()::syncLists, signingKeys, region,
      deps.clock(), config.trustBundleValidity(), config.statusListValidity());
    this.scanLog = new ScanLog(pool, deps.clock());
    this.dependants = new Dependants(pool, cipher, accounts, codes, throttle, paperCards, audit, config.familyLimits(),
      deps.clock());
    this.idChecks = new IdChecks(pool, accounts, cipher, healthCodes, signingKeys, throttle, audit, region,
      config.idChecksPerDevicePerHour(), deps.clock());
    this.exposures = new Exposures(pool, persons, colourService, audit, region, deps.clock(), config.exposureLookback());
  }

  /** A retired token key stays published as long as the longest-lived token it may have signed. */
  static Duration tokenKeyRetention(ServerConfig config) {
    Duration codes = config.healthCodeValidity();
    Duration passes = config.maxPassValidity();
    return passes.compareTo(codes) > 0 ? passes : codes;
  }

  /** A key for one purpose, derived from a configured secret (HMAC-SHA256 of the purpose's name). */
  static byte[] derivedKey(byte[] secret, String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(("tongxing " + purpose).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
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

  /** The full RFC 7638 thumbprint of the key that signs trust bundles now. */
  public Future<String> trustKeyThumbprint() {
    return trustBundles.trustKey(pool).map(TrustApi::thumbprint);
  }

  public HealthCodes healthCodes() {
    return healthCodes;
  }

  public SigningKeys signingKeys() {
    return signingKeys;
  }

  public TrustBundles trustBundles() {
    return trustBundles;
  }

  public StatusListPublisher statusLists() {
    return statusLists;
  }

  public io.vertx.sqlclient.Pool pool() {
    return pool;
  }

  public Federation federation() {
    return federation;
  }

  public RuleSets ruleSets() {
    return ruleSets;
  }

  public Checkpoints checkpoints() {
    return checkpoints;
  }

  public Devices devices() {
    return devices;
  }

  public ScanLog scanLog() {
    return scanLog;
  }

  public PassServices passes() {
    return passes;
  }
}
