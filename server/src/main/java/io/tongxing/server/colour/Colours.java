package io.tongxing.server.colour;

import io.tongxing.server.http.Principal;
import io.tongxing.server.risk.Counties;
import io.tongxing.server.rules.ColourDecision;
import io.tongxing.server.rules.Explanations;
import io.tongxing.server.rules.Finding;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.Locale;

/** A resident's current colour and its explanation, recomputed on read so elapsed days count. */
public final class Colours {

  private final Pool pool;
  private final ColourService colours;

  public Colours(Pool pool, ColourService colours) {
    this.pool = pool;
    this.colours = colours;
  }

  public Future<JsonObject> current(Principal resident) {
    return colours.refresh(resident.accountId(), "read")
      .compose(decision -> pool.preparedQuery("select colour, rule_id, rule_version, green_from, computed_at, changed_at "
          + "from colour_states where account_id = $1").execute(Tuple.of(resident.accountId())))
      .map(rows -> ColourService.describe(rows.iterator().next()));
  }

  public Future<JsonObject> explain(Principal resident, Locale locale) {
    return colours.refresh(resident.accountId(), "read").compose(decision -> explain(decision, locale));
  }

  public Future<JsonObject> explain(ColourDecision decision, Locale locale) {
    return explain(decision, locale, Explanations.Reader.RESIDENT);
  }

  /** Explained to staff, about the resident rather than to them. */
  public Future<JsonObject> explainToStaff(ColourDecision decision, Locale locale) {
    return explain(decision, locale, Explanations.Reader.STAFF);
  }

  private Future<JsonObject> explain(ColourDecision decision, Locale locale, Explanations.Reader reader) {
    List<String> counties = decision.findings().stream()
      .map(Finding::facts)
      .filter(facts -> facts.containsKey("county"))
      .map(facts -> facts.getString("county"))
      .toList();
    return Counties.names(pool, counties).map(names -> Explanations.render(decision, locale, names::get, reader));
  }
}
