package io.tongxing.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * The one place where failures become responses: {@code {"code", "message", "details"}} in the
 * caller's language, never a stack trace. Client errors are logged in one line without a stack
 * trace and without any request values; server errors with their stack trace.
 */
public final class FailureHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);
  /** Conditions of the database, not bugs: logged as one WARN line without a stack trace. */
  private static final java.util.Set<String> EXPECTED_UNAVAILABLE = java.util.Set.of("DATABASE_UNAVAILABLE", "TRY_AGAIN",
    "DATABASE_READ_ONLY", DatabaseErrors.STORAGE_FULL);

  private final StorageCondition storage;

  public FailureHandler(StorageCondition storage) {
    this.storage = storage;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ApiException problem = classify(ctx.failure(), ctx.statusCode(), (parameter, pointer) -> refusedValue(ctx, parameter, pointer));
    if (DatabaseErrors.STORAGE_FULL.equals(problem.code())) {
      storage.full(ctx);
    }
    if (problem.status() >= 500 && !EXPECTED_UNAVAILABLE.contains(problem.code())) {
      LOG.error("request failed: {} {} -> {} {}", ctx.request().method(), ctx.normalizedPath(), problem.status(), problem.code(),
        ctx.failure());
    } else if (problem.status() >= 500) {
      LOG.warn("request failed: {} {} -> {} {}: {}", ctx.request().method(), ctx.normalizedPath(), problem.status(),
        problem.code(), ctx.failure() == null ? "" : ctx.failure().getClass().getSimpleName());
    } else {
      LOG.info("request refused: {} {} -> {} {} {}", ctx.request().method(), ctx.normalizedPath(), problem.status(),
        problem.code(), problem.details().getString("field", ""));
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    Locale locale = Messages.locale(ctx);
    JsonObject details = problem.details();
    String message = Messages.text(locale, "error." + problem.code(), problem.messageArgs());
    JsonObject body = new JsonObject()
      .put("code", problem.code())
      .put("message", ValidationMessages.describe(locale, details, message))
      .put("details", details);
    if (problem.retryAfterSeconds() > 0) {
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(problem.retryAfterSeconds()));
    }
    if (problem.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    ctx.response()
      .setStatusCode(problem.status())
      .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
      .putHeader(HttpHeaders.CONTENT_LANGUAGE, Messages.languageTag(locale))
      .end(body.encode());
  }

  /**
   * What the request held where the contract refused it, so that the refusal can say which rule the
   * value broke: a query parameter, or a value of the JSON body (bounded by the body limit). Null
   * when unknown; it never reaches the log or the answer.
   */
  private static Object refusedValue(RoutingContext ctx, String parameter, String pointer) {
    try {
      if (parameter != null) {
        return pointer.isEmpty() ? ctx.request().getParam(parameter) : null;
      }
      if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() == 0) {
        return null;
      }
      Object body = Json.decodeValue(ctx.body().buffer());
      return pointer.isEmpty() ? body : JsonPointer.from(pointer).queryJson(body);
    } catch (RuntimeException unreadable) {
      return null; // not JSON, or a pointer the body does not have: the refusal keeps its general words
    }
  }

  static ApiException classify(Throwable failure, int statusCode, ValidationProblems.RequestValues values) {
    if (failure instanceof ApiException) {
      return (ApiException) failure;
    }
    if (failure instanceof HttpException && failure.getCause() instanceof ValidatorException) {
      return ValidationProblems.from((ValidatorException) failure.getCause(), values);
    }
    if (failure instanceof ValidatorException) {
      return ValidationProblems.from((ValidatorException) failure, values);
    }
    if (failure != null) {
      ApiException database = DatabaseErrors.map(failure);
      if (database != null) {
        return database;
      }
    }
    int status = failure instanceof HttpException ? ((HttpException) failure).getStatusCode() : statusCode;
    switch (status) {
      case 400:
        return ApiException.invalidField("BAD_REQUEST", "request");
      case 401:
        return ApiException.unauthorized("AUTHENTICATION_REQUIRED");
      case 403:
        return ApiException.forbidden("FORBIDDEN");
      case 404:
        return ApiException.notFound("NOT_FOUND");
      case 405:
        return new ApiException(405, "METHOD_NOT_ALLOWED", null, 0);
      case 413:
        return new ApiException(413, "BODY_TOO_LARGE", new JsonObject().put("field", "body"), 0);
      case 415:
        return new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", new JsonObject().put("field", "Content-Type"), 0);
      default:
        return new ApiException(500, "INTERNAL_ERROR", null, 0);
    }
  }
}
