package io.tongxing.server.federation;

import io.tongxing.server.account.Accounts;
import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.keys.SigningKeys;
import io.tongxing.server.person.Persons;
import io.tongxing.token.RegionCode;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.security.Provider;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/** The federation services of one pool, wired together. */
public final class Federation {

  /** What federation needs from the rest of the server and the configuration. */
  public record Settings(RegionCode home, ZoneId zone, Duration requestWindow, Duration retryBase, Duration retryMax,
                         PartnerClient.Limits partnerHttp) {
  }

  private final Partners partners;
  private final PartnerDocuments documents;
  private final RequestSignatures signatures;
  private final Outbox outbox;
  private final Notices notices;
  private final Bulletins bulletins;
  private final Inbox inbox;
  private final FederatedIssuers issuers;

  public Federation(Vertx vertx, Pool pool, FieldCipher cipher, AuditLog audit, SigningKeys keys, Persons persons,
                    Accounts accounts, Provider provider, SecureRandom random, Clock clock, Settings settings) {
    PartnerClient web = new PartnerClient(vertx, settings.partnerHttp());
    this.partners = new Partners(pool, cipher, audit, settings.home(), clock);
    this.documents = new PartnerDocuments(pool, web, partners, provider, clock);
    this.signatures = new RequestSignatures(pool, keys, partners, documents::pinned, provider, random, clock,
      settings.requestWindow());
    this.outbox = new Outbox(pool, web, partners, signatures, vertx.eventBus(), clock, settings.retryBase(), settings.retryMax());
    this.notices = new Notices(pool, partners, outbox, new ResidentMatcher(cipher), persons, accounts, audit, clock, settings.zone());
    this.bulletins = new Bulletins(pool, partners, outbox, audit, clock);
    this.inbox = new Inbox(pool, partners, notices, bulletins, clock);
    this.issuers = new FederatedIssuers(partners, documents);
  }

  public Partners partners() {
    return partners;
  }

  public PartnerDocuments documents() {
    return documents;
  }

  public RequestSignatures signatures() {
    return signatures;
  }

  public Outbox outbox() {
    return outbox;
  }

  public Notices notices() {
    return notices;
  }

  public Bulletins bulletins() {
    return bulletins;
  }

  public Inbox inbox() {
    return inbox;
  }

  public FederatedIssuers issuers() {
    return issuers;
  }
}
