package io.tongxing.server.http;

import io.vertx.core.http.HttpMethod;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** docs/openapi.yaml as the server ships it, read as plain data: its operations and schemas. */
final class OpenApiContract {

  /** One operation: method, path template, who may call it, its parameters, JSON body schema, whether it takes a body. */
  record Operation(HttpMethod method, String path, String id, List<String> roles,
                   List<Map<String, Object>> parameters, Map<String, Object> bodySchema, boolean hasBody) {
  }

  private final Map<String, Object> document;

  private OpenApiContract(Map<String, Object> document) {
    this.document = document;
  }

  static OpenApiContract load() {
    try (InputStream in = OpenApiContract.class.getResourceAsStream("/contract/openapi.yaml")) {
      return new OpenApiContract(new Yaml().load(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> {
      List<Map<String, Object>> shared = (List<Map<String, Object>>) item.getOrDefault("parameters", List.of());
      item.forEach((method, value) -> {
        if (!(value instanceof Map<?, ?>) || "parameters".equals(method)) {
          return;
        }
        Map<String, Object> operation = (Map<String, Object>) value;
        List<Map<String, Object>> parameters = new ArrayList<>();
        shared.forEach(parameter -> parameters.add(resolve(parameter)));
        ((List<Map<String, Object>>) operation.getOrDefault("parameters", List.of())).forEach(parameter -> parameters.add(resolve(parameter)));
        operations.add(new Operation(HttpMethod.valueOf(method.toUpperCase()), path, (String) operation.get("operationId"),
          (List<String>) operation.getOrDefault("x-roles", List.of()), parameters, jsonBodySchema(operation),
          operation.containsKey("requestBody")));
      });
    });
    return operations;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> jsonBodySchema(Map<String, Object> operation) {
    Object body = operation.get("requestBody");
    if (body == null) {
      return null;
    }
    Map<String, Object> content = (Map<String, Object>) resolve((Map<String, Object>) body).get("content");
    Object json = content == null ? null : content.get("application/json");
    return json == null ? null : (Map<String, Object>) ((Map<String, Object>) json).get("schema");
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> schemaOf(Map<String, Object> parameter) {
    return (Map<String, Object>) parameter.get("schema");
  }

  /**
   * The schema with its {@code $ref}s followed the way JSON Schema 2020-12 reads them: the keywords
   * beside a {@code $ref} apply too, and win over the referenced schema's.
   */
  Map<String, Object> merged(Map<String, Object> node) {
    Map<String, Object> merged = new java.util.HashMap<>();
    for (int hops = 0; node != null && hops < 16; hops++) {
      node.forEach(merged::putIfAbsent);
      Object ref = node.get("$ref");
      node = ref instanceof String ? target((String) ref) : null;
    }
    merged.remove("$ref");
    return merged;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> target(String ref) {
    Object target = document;
    for (String part : ref.substring(2).split("/")) {
      target = ((Map<String, Object>) target).get(part.replace("~1", "/").replace("~0", "~"));
    }
    return (Map<String, Object>) target;
  }

  /** Follows {@code $ref}s within the document. */
  Map<String, Object> resolve(Map<String, Object> node) {
    while (node != null && node.get("$ref") instanceof String ref) {
      node = target(ref);
    }
    return node;
  }
}
