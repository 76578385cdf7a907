package io.tongxing.server.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.List;
import java.util.Map;

/**
 * Loads docs/openapi.yaml for the router. The document names the true media types of the signed
 * downloads and images (application/statuslist+jwt, image/png...), but vertx-openapi refuses any
 * response media type it cannot validate, even though the server validates requests only. So the
 * router gets a copy in which those response types read application/octet-stream; the document
 * served at /openapi.yaml and the responses themselves keep the true types. Operations whose handler
 * streams the body ({@link StreamedBodies}) reach the router without a request body to validate.
 */
public final class Contract {

  private Contract() {
  }

  public static Future<OpenAPIContract> load(Vertx vertx, Buffer yaml) {
    JsonObject document;
    try {
      document = parse(yaml.toString());
    } catch (RuntimeException e) {
      return Future.failedFuture(new IllegalStateException("docs/openapi.yaml is not valid YAML: " + e.getMessage(), e));
    }
    return OpenAPIContract.from(vertx, routerView(document)).map(ValidatorCache::of);
  }

  /** The YAML document as JSON, loaded with SnakeYAML's safe constructor (plain maps, lists, scalars). */
  static JsonObject parse(String yaml) {
    Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (!(loaded instanceof Map)) {
      throw new IllegalArgumentException("not a mapping");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) loaded;
    return new JsonObject(map);
  }

  /**
   * The same document with every response media type vertx-openapi cannot validate made octet-stream,
   * and without the request bodies of streamed operations.
   */
  static JsonObject routerView(JsonObject document) {
    JsonObject view = document.copy();
    JsonObject paths = view.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : List.copyOf(item.fieldNames())) {
        Object operation = item.getValue(method);
        if (operation instanceof JsonObject && StreamedBodies.isStreamed((JsonObject) operation)) {
          ((JsonObject) operation).remove("requestBody");
        }
        if (!(operation instanceof JsonObject) || !((JsonObject) operation).containsKey("responses")) {
          continue;
        }
        JsonObject responses = ((JsonObject) operation).getJsonObject("responses");
        for (String status : responses.fieldNames()) {
          Object response = responses.getValue(status);
          if (response instanceof JsonObject && ((JsonObject) response).containsKey("content")) {
            JsonObject content = ((JsonObject) response).getJsonObject("content");
            for (String type : List.copyOf(content.fieldNames())) {
              if (!MediaType.isMediaTypeSupported(type)) {
                content.put(MediaType.APPLICATION_OCTET_STREAM, content.remove(type));
              }
            }
          }
        }
      }
    }
    return view;
  }
}
