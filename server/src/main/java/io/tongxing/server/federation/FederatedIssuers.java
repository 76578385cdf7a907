package io.tongxing.server.federation;

import io.tongxing.server.trust.PartnerIssuers;
import io.tongxing.trust.Issuer;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The partners this region's trust bundle lists: every ACTIVE partner with a verified bundle and a
 * scope that accepts some of its token kinds, with its own keys and status-list base, recognized for
 * the kinds and corridors of the agreement's inbound direction (for one corridor, where the agreement
 * pairs kinds with corridors).
 */
public final class FederatedIssuers implements PartnerIssuers {

  private final Partners partners;
  private final PartnerDocuments documents;

  public FederatedIssuers(Partners partners, PartnerDocuments documents) {
    this.partners = partners;
    this.documents = documents;
  }

  @Override
  public Future<List<Issuer>> recognized(SqlClient client, Optional<String> corridor) {
    return partners.all(client).compose(all -> {
      List<Issuer> issuers = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (Partner partner : all) {
        if (partner.state() != Partner.State.ACTIVE || !partner.scope().inbound().recognizesTokens()) {
          continue;
        }
        chain = chain.compose(v -> documents.stored(partner).map(store -> {
          store.flatMap(s -> PartnerDocuments.ownIssuer(partner, s)).ifPresent(own -> issuers.add(new Issuer(partner.region(),
            partner.name(), partner.nameEn(), own.statusListBase(), own.keys(), partner.scope().inbound().recognition(corridor))));
          return null;
        }));
      }
      return chain.map(v -> issuers);
    });
  }

  /** Changes with any partner's agreement, and with any new bundle from a partner: a counter (V32), never a clock. */
  @Override
  public Future<Long> version(SqlClient client) {
    return client.query("select greatest((select coalesce(max(bundle_version), 0) from partners), "
        + "(select coalesce(max(bundle_version), 0) from partner_documents)) as v")
      .execute()
      .map(rows -> rows.iterator().next().getLong("v"));
  }
}
