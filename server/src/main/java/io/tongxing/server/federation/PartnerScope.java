package io.tongxing.server.federation;

import io.tongxing.token.TokenKind;
import io.tongxing.trust.Recognition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What an agreement with a partner covers, in each direction: the partner's token kinds and
 * messages this region accepts ({@code inbound}), and what this region sends it ({@code outbound}),
 * on which corridors. Token kinds are recognized on corridors as the product {@code kinds ×
 * corridors}, plus any single (kind, corridor) {@code recognitions} ("passes on corridor A, health
 * codes everywhere").
 */
public record PartnerScope(Direction inbound, Direction outbound) {

  /** One token kind recognized on one corridor ({@code *}: every corridor). */
  public record Pair(TokenKind kind, String corridor) {
  }

  /**
   * One direction: token kinds, message types and corridors ({@code *}: every corridor), and
   * further (kind, corridor) pairs.
   */
  public record Direction(Set<TokenKind> tokens, Set<MessageType> messages, Set<String> corridors, Set<Pair> pairs) {

    public Direction {
      tokens = tokens.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(tokens));
      messages = messages.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(messages));
      corridors = Set.copyOf(new LinkedHashSet<>(corridors));
      pairs = Set.copyOf(pairs);
    }

    /** Whether the partner's tokens are recognized at all: it then belongs in the trust bundle. */
    public boolean recognizesTokens() {
      return !tokens.isEmpty() || !pairs.isEmpty();
    }

    /** Every (kind, corridor) the direction covers. */
    Set<Pair> recognized() {
      Set<Pair> all = new LinkedHashSet<>(pairs);
      for (TokenKind kind : tokens) {
        for (String corridor : corridors) {
          all.add(new Pair(kind, corridor));
        }
      }
      return all;
    }

    static Direction fromJson(JsonObject json) {
      Set<TokenKind> tokens = EnumSet.noneOf(TokenKind.class);
      Set<MessageType> messages = EnumSet.noneOf(MessageType.class);
      for (Object kind : json.getJsonArray("kinds", new JsonArray())) {
        String name = String.valueOf(kind);
        if (isMessage(name)) {
          messages.add(MessageType.valueOf(name));
        } else {
          tokens.add(TokenKind.valueOf(name));
        }
      }
      Set<String> corridors = new LinkedHashSet<>();
      json.getJsonArray("corridors", new JsonArray()).forEach(corridor -> corridors.add(String.valueOf(corridor)));
      Set<Pair> pairs = new LinkedHashSet<>();
      for (Object item : json.getJsonArray("recognitions", new JsonArray())) {
        JsonObject pair = (JsonObject) item;
        pairs.add(new Pair(TokenKind.valueOf(pair.getString("kind")), pair.getString("corridor")));
      }
      return new Direction(tokens, messages, corridors, pairs);
    }

    JsonObject toJson() {
      JsonArray kinds = new JsonArray();
      EnumSet.allOf(TokenKind.class).stream().filter(tokens::contains).forEach(kind -> kinds.add(kind.name()));
      EnumSet.allOf(MessageType.class).stream().filter(messages::contains).forEach(type -> kinds.add(type.name()));
      JsonArray list = new JsonArray();
      corridors.stream().sorted().forEach(list::add);
      JsonObject json = new JsonObject().put("kinds", kinds).put("corridors", list);
      if (!pairs.isEmpty()) {
        JsonArray recognitions = new JsonArray();
        pairs.stream().sorted(Comparator.comparing((Pair p) -> p.kind()).thenComparing(Pair::corridor))
          .forEach(p -> recognitions.add(new JsonObject().put("kind", p.kind().name()).put("corridor", p.corridor())));
        json.put("recognitions", recognitions);
      }
      return json;
    }

    /**
     * How the partner's tokens are recognized in a trust bundle for verifiers on {@code corridor}
     * (none: the public bundle). A bundle's {@link Recognition} is a product of kinds and corridors
     * (the shared format): where the pairs form one, it is that product, the same for every
     * corridor; where they do not, it is exactly what holds on {@code corridor} — the kinds paired
     * with it or with {@code *} — so a verifier never accepts a kind on a corridor the agreement
     * leaves out. The public bundle then carries only what holds on every corridor.
     */
    Recognition recognition(Optional<String> corridor) {
      Set<Pair> all = recognized();
      Set<TokenKind> kinds = EnumSet.noneOf(TokenKind.class);
      Set<String> onCorridors = new LinkedHashSet<>();
      all.forEach(pair -> {
        kinds.add(pair.kind());
        onCorridors.add(pair.corridor());
      });
      if (pairs.isEmpty()) {
        return new Recognition(tokens, corridors);
      }
      if (all.size() == kinds.size() * onCorridors.size()) {
        return new Recognition(kinds, onCorridors);
      }
      Set<TokenKind> here = EnumSet.noneOf(TokenKind.class);
      for (Pair pair : all) {
        if (Recognition.ANY_CORRIDOR.equals(pair.corridor()) || corridor.map(pair.corridor()::equals).orElse(false)) {
          here.add(pair.kind());
        }
      }
      return new Recognition(here, Set.of(corridor.orElse(Recognition.ANY_CORRIDOR)));
    }
  }

  private static boolean isMessage(String name) {
    for (MessageType type : MessageType.values()) {
      if (type.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** The scope in a request or a row; kinds are already limited to known names by the contract. */
  public static PartnerScope fromJson(JsonObject json) {
    return new PartnerScope(Direction.fromJson(json.getJsonObject("inbound", new JsonObject())),
      Direction.fromJson(json.getJsonObject("outbound", new JsonObject())));
  }

  public JsonObject toJson() {
    return new JsonObject().put("inbound", inbound.toJson()).put("outbound", outbound.toJson());
  }
}
