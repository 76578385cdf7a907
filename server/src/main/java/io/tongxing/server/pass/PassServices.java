package io.tongxing.server.pass;

import io.tongxing.server.audit.AuditLog;
import io.tongxing.server.auth.LookupBudget;
import io.tongxing.server.colour.ColourChangeListener;
import io.tongxing.server.colour.RuleSets;
import io.tongxing.server.community.CommunitiesApi;
import io.tongxing.server.community.Communities;
import io.tongxing.server.community.CommunityPermits;
import io.tongxing.server.corridor.Corridors;
import io.tongxing.server.corridor.CorridorsApi;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.server.employee.EmployeeImports;
import io.tongxing.server.employee.Employees;
import io.tongxing.server.employee.EmployeesApi;
import io.tongxing.server.employee.ResidentEmployers;
import io.tongxing.server.http.ApiRoutes;
import io.tongxing.server.keys.SigningKeys;
import io.tongxing.server.proof.EnterpriseDocuments;
import io.tongxing.server.proof.Proofs;
import io.tongxing.server.proof.ProofsApi;
import io.tongxing.server.proof.ResidentProofs;
import io.tongxing.server.proof.TemperatureCards;
import io.tongxing.server.status.StatusIndexes;
import io.tongxing.server.status.TokenStatuses;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/**
 * The cross-region pass workflow, assembled: corridors, communities and permits, employees and their
 * imports, letters and commitments, applications, review, issuance, and the passes' lives after it.
 * The server builds one per connection pool, registers {@link #suspensions()} as a colour-change
 * listener and adds {@link #addRoutes}.
 */
public final class PassServices {

  private final PassConfig config;
  private final PassSuspensions suspensions;
  private final PassExpiry expiry;
  private final CorridorsApi corridorsApi;
  private final CommunitiesApi communitiesApi;
  private final Communities communities;
  private final EmployeesApi employeesApi;
  private final ProofsApi proofsApi;
  private final PassesApi passesApi;
  private final Corridors corridors;
  private final Employees employees;
  private final EnterpriseDocuments documents;
  private final Applications applications;
  private final PassIssuance issuance;
  private final Passes passes;

  public PassServices(Pool pool, SigningKeys keys, StatusIndexes indexes, FieldCipher cipher, AuditLog audit, RuleSets ruleSets,
                      PassConfig config, LookupBudget enterpriseLookups, LookupBudget staffLookups, Clock clock) {
    this.config = config;
    PassTransitions transitions = new PassTransitions(new TokenStatuses(), audit, clock);
    Proofs proofs = new Proofs(keys, audit, transitions, config, clock);
    TemperatureCards cards = new TemperatureCards(ruleSets, config, clock);
    Requirements requirements = new Requirements(cards, clock);
    Applications applications = new Applications(pool, requirements, audit, clock);
    this.suspensions = new PassSuspensions(transitions);
    this.expiry = new PassExpiry(pool, transitions);
    this.corridors = new Corridors(pool, audit, config, clock);
    this.corridorsApi = new CorridorsApi(corridors);
    this.communities = new Communities(pool, audit, proofs, config, clock);
    this.communitiesApi = new CommunitiesApi(communities,
      new CommunityPermits(pool, audit, proofs, cipher, config, staffLookups, clock));
    this.employees = new Employees(pool, cipher, audit, proofs, transitions, config, enterpriseLookups, clock);
    this.employeesApi = new EmployeesApi(employees, new EmployeeImports(pool, cipher, audit, config, enterpriseLookups, clock),
      new ResidentEmployers(pool, employees, audit, clock));
    this.documents = new EnterpriseDocuments(pool, proofs, clock);
    this.proofsApi = new ProofsApi(documents, new ResidentProofs(pool, proofs, cards, cipher, clock));
    this.applications = applications;
    this.issuance = new PassIssuance(pool, keys, indexes, cipher, audit, requirements, applications, transitions, config, clock);
    this.passes = new Passes(pool, transitions, clock);
    this.passesApi = new PassesApi(applications, new ApplicationProofs(pool, keys, cards, clock), issuance, passes);
  }

  /** Suspends and restores passes inside every colour change's transaction. */
  public ColourChangeListener suspensions() {
    return suspensions;
  }

  /** Marks expired passes; run every {@code passes.expirySweepIntervalSeconds}. */
  public PassExpiry expiry() {
    return expiry;
  }

  public PassConfig config() {
    return config;
  }

  // The services behind the routes, for callers inside the server (the demo data seeds through them).

  public Communities communities() {
    return communities;
  }

  public Corridors corridors() {
    return corridors;
  }

  public Employees employees() {
    return employees;
  }

  public EnterpriseDocuments documents() {
    return documents;
  }

  public Applications applications() {
    return applications;
  }

  public PassIssuance issuance() {
    return issuance;
  }

  public Passes passes() {
    return passes;
  }

  public void addRoutes(ApiRoutes routes) {
    corridorsApi.addRoutes(routes);
    communitiesApi.addRoutes(routes);
    employeesApi.addRoutes(routes);
    proofsApi.addRoutes(routes);
    passesApi.addRoutes(routes);
  }
}
