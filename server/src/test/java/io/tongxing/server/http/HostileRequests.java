package io.tongxing.server.http;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Requests an attacker or a broken client would send, made from one operation of docs/openapi.yaml:
 * a plausible request first (so that mutations reach past the first check), then that request with
 * one thing wrong at a time — each path and query parameter replaced by hostile text, each body field
 * of the wrong type, null, huge or absent, unknown fields, bodies that are not JSON, not an object,
 * nested without end, or far too large. Seeded, so a failure names a reproducible request.
 */
final class HostileRequests {

  /** One request to send, and what it is, for the failure message. */
  record Request(String what, HttpMethod method, String path, MultiMap headers, Buffer body) {
    @Override
    public String toString() {
      String shown = body == null ? "" : body.length() > 200 ? " body " + body.getString(0, 200) + "…" : " body " + body;
      return what + ": " + method + " " + (path.length() > 200 ? path.substring(0, 200) + "…" : path) + shown;
    }
  }

  private static final List<String> HOSTILE_TEXT = List.of("", "0", "-1", "99999999999999999999999", "1e400", "null",
    "../../etc/passwd", "%00", "' or '1'='1", "<script>alert(1)</script>", "中文\u202e", "\u0000", "A".repeat(5000));

  private final OpenApiContract contract;
  private final OpenApiContract.Operation operation;
  private final Random random;

  HostileRequests(OpenApiContract contract, OpenApiContract.Operation operation) {
    this.contract = contract;
    this.operation = operation;
    this.random = new Random(operation.id().hashCode());
  }

  List<Request> all() {
    List<Request> requests = new ArrayList<>();
    Map<String, String> path = new LinkedHashMap<>();
    Map<String, String> query = new LinkedHashMap<>();
    for (Map<String, Object> parameter : operation.parameters()) {
      String value = plausibleText(contract.schemaOf(parameter));
      ("path".equals(parameter.get("in")) ? path : query).put((String) parameter.get("name"), value);
    }
    Object body = operation.bodySchema() == null ? null : plausible(operation.bodySchema(), 0);
    requests.add(request("plausible", path, query, json(body)));

    Map<String, String> extra = new LinkedHashMap<>(query);
    extra.put("unexpected", "1");
    requests.add(request("an unknown query parameter", path, extra, json(body)));
    Request odd = request("odd Accept-Language and Authorization-like headers", path, query, json(body));
    odd.headers().add("Accept-Language", "en;q=abc,,;;").add("X-Forwarded-For", "not-an-address, 999.1.1.1");
    requests.add(odd);
    requests.add(request("a request line of 20,000 characters", path, Map.of("pad", "p".repeat(20_000)), json(body)));
    for (String name : path.keySet()) {
      for (String hostile : sample(HOSTILE_TEXT, 5)) {
        Map<String, String> changed = new LinkedHashMap<>(path);
        changed.put(name, hostile);
        requests.add(request("path " + name + "=" + abbreviate(hostile), changed, query, json(body)));
      }
    }
    for (String name : query.keySet()) {
      for (String hostile : sample(HOSTILE_TEXT, 5)) {
        Map<String, String> changed = new LinkedHashMap<>(query);
        changed.put(name, hostile);
        requests.add(request("query " + name + "=" + abbreviate(hostile), path, changed, json(body)));
      }
    }
    if (body instanceof JsonObject object) {
      for (String field : object.fieldNames()) {
        for (Object wrong : wrongValuesFor(object.getValue(field))) {
          JsonObject changed = object.copy();
          changed.put(field, wrong);
          requests.add(request("body " + field + " = " + abbreviate(String.valueOf(wrong)), path, query, Buffer.buffer(changed.encode())));
        }
        JsonObject without = object.copy();
        without.remove(field);
        requests.add(request("body without " + field, path, query, Buffer.buffer(without.encode())));
      }
      requests.add(request("body with an unknown field", path, query, Buffer.buffer(object.copy().put("unexpected", 1).encode())));
      requests.add(request("body number beyond double", path, query,
        Buffer.buffer(object.encode().replaceFirst("^\\{", "{\"huge\":1e400,"))));
    }
    if (operation.bodySchema() != null || operation.method() != HttpMethod.GET) {
      requests.add(request("body not JSON", path, query, Buffer.buffer("{\"temperature\": 36.")));
      requests.add(request("body an array", path, query, Buffer.buffer("[]")));
      requests.add(request("body null", path, query, Buffer.buffer("null")));
      requests.add(request("body nested 20,000 deep", path, query, Buffer.buffer("[".repeat(20_000) + "]".repeat(20_000))));
      requests.add(request("body of 3 MB", path, query, Buffer.buffer("{\"a\":\"" + "x".repeat(3 << 20) + "\"}")));
      requests.add(request("body invalid UTF-8", path, query, Buffer.buffer(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'})));
      MultiMap plain = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/plain");
      requests.add(new Request("body as text/plain", operation.method(), url(path, query), plain, json(body) == null ? Buffer.buffer("x") : json(body)));
    }
    return requests;
  }

  private Request request(String what, Map<String, String> path, Map<String, String> query, Buffer body) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (body != null) {
      headers.add("Content-Type", "application/json");
    }
    return new Request(what, operation.method(), url(path, query), headers, body);
  }

  private String url(Map<String, String> path, Map<String, String> query) {
    String url = operation.path();
    for (Map.Entry<String, String> entry : path.entrySet()) {
      url = url.replace("{" + entry.getKey() + "}", encode(entry.getValue()));
    }
    StringBuilder q = new StringBuilder();
    query.forEach((name, value) -> q.append(q.length() == 0 ? "?" : "&").append(name).append('=').append(encode(value)));
    return url + q;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Buffer json(Object body) {
    if (body == null) {
      return null;
    }
    return Buffer.buffer(body instanceof JsonObject o ? o.encode() : body instanceof JsonArray a ? a.encode() : String.valueOf(body));
  }

  private List<Object> wrongValuesFor(Object value) {
    List<Object> wrong = new ArrayList<>();
    wrong.add(null);
    wrong.add(value instanceof String ? (Object) 12345 : "12345");
    wrong.add(value instanceof JsonObject ? new JsonArray().add(1) : new JsonObject().put("a", 1));
    wrong.add("x".repeat(100_000));
    wrong.add(-1);
    wrong.add(Long.MAX_VALUE);
    wrong.add(new JsonArray().add(value).add(value));
    return sample(wrong, 5);
  }

  private <T> List<T> sample(List<T> values, int n) {
    List<T> copy = new ArrayList<>(values);
    java.util.Collections.shuffle(copy, random);
    return copy.subList(0, Math.min(n, copy.size()));
  }

  private static String abbreviate(String text) {
    return text.length() > 24 ? text.substring(0, 24) + "…(" + text.length() + ")" : text;
  }

  // ---- plausible values from a schema ----

  private String plausibleText(Map<String, Object> schema) {
    Object value = plausible(schema, 0);
    return value == null ? "x" : String.valueOf(value);
  }

  @SuppressWarnings("unchecked")
  private Object plausible(Map<String, Object> schema, int depth) {
    if (schema == null || depth > 6) {
      return null;
    }
    schema = contract.resolve(schema);
    if (schema.containsKey("example")) {
      return toJson(schema.get("example"));
    }
    if (schema.containsKey("examples") && schema.get("examples") instanceof List<?> examples && !examples.isEmpty()) {
      return toJson(examples.get(0));
    }
    if (schema.containsKey("const")) {
      return toJson(schema.get("const"));
    }
    if (schema.containsKey("enum")) {
      return toJson(((List<Object>) schema.get("enum")).get(0));
    }
    for (String combiner : List.of("allOf", "oneOf", "anyOf")) {
      if (schema.containsKey(combiner)) {
        List<Map<String, Object>> parts = (List<Map<String, Object>>) schema.get(combiner);
        if ("allOf".equals(combiner)) {
          JsonObject merged = new JsonObject();
          for (Map<String, Object> part : parts) {
            if (plausible(part, depth + 1) instanceof JsonObject object) {
              merged.mergeIn(object);
            }
          }
          return merged;
        }
        return plausible(parts.get(0), depth + 1);
      }
    }
    Object type = schema.get("type");
    if (type instanceof List<?> types) {
      type = types.stream().map(String::valueOf).filter(t -> !"null".equals(t)).findFirst().orElse("string");
    }
    if (type == null) {
      type = schema.containsKey("properties") ? "object" : "string";
    }
    switch ((String) type) {
      case "object": {
        JsonObject object = new JsonObject();
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        properties.forEach((name, property) -> object.put(name, plausible((Map<String, Object>) property, depth + 1)));
        return object;
      }
      case "array": {
        JsonArray array = new JsonArray();
        Object item = plausible((Map<String, Object>) schema.get("items"), depth + 1);
        if (item != null) {
          array.add(item);
        }
        return array;
      }
      case "integer":
        return ((Number) schema.getOrDefault("minimum", 1)).longValue();
      case "number":
        return ((Number) schema.getOrDefault("minimum", 1.5)).doubleValue();
      case "boolean":
        return true;
      default:
        return plausibleString(schema);
    }
  }

  private static String plausibleString(Map<String, Object> schema) {
    String format = (String) schema.getOrDefault("format", "");
    return switch (format) {
      case "uuid" -> "00000000-0000-4000-8000-000000000000";
      case "date" -> "2026-03-15";
      case "date-time" -> "2026-03-15T02:00:00Z";
      default -> "x";
    };
  }

  @SuppressWarnings("unchecked")
  private static Object toJson(Object value) {
    if (value instanceof Map<?, ?> map) {
      return new JsonObject((Map<String, Object>) map);
    }
    if (value instanceof List<?> list) {
      return new JsonArray((List<Object>) list);
    }
    if (value instanceof java.util.Date date) {
      return date.toInstant().toString();
    }
    return value;
  }
}
