package io.tongxing.server.federation;

import io.tongxing.token.TokenKind;
import io.tongxing.trust.Recognition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What an agreement with a partner covers, in each direction: the partner's token kinds and
 * messages this region accepts ({@code inbound}), and what this region sends it ({@code outbound}),
 * on which corridors. Token kinds and corridors form a product, as {@link Recognition} does.
 */
public record PartnerScope(Direction inbound, Direction outbound) {

  /** One direction: token kinds, message types and corridors ({@code *}: every corridor). */
  public record Direction(Set<TokenKind> tokens, Set<MessageType> messages, Set<String> corridors) {

    public Direction {
      tokens = tokens.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(tokens));
      messages = messages.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(messages));
      corridors = Set.copyOf(new LinkedHashSet<>(corridors));
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
      return new Direction(tokens, messages, corridors);
    }

    JsonObject toJson() {
      JsonArray kinds = new JsonArray();
      EnumSet.allOf(TokenKind.class).stream().filter(tokens::contains).forEach(kind -> kinds.add(kind.name()));
      EnumSet.allOf(MessageType.class).stream().filter(messages::contains).forEach(type -> kinds.add(type.name()));
      JsonArray list = new JsonArray();
      corridors.stream().sorted().forEach(list::add);
      return new JsonObject().put("kinds", kinds).put("corridors", list);
    }

    /** How the partner's tokens are recognized in this region's trust bundle. */
    Recognition recognition() {
      return new Recognition(tokens, corridors);
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
