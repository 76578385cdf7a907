package io.tongxing.server.db;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which constraint a unique violation names, on one PostgreSQL and from a Citus worker (src/test/resources/db/constraint-messages.json). */
class ConstraintNamesTest {

  static Stream<Arguments> cases() throws IOException {
    try (InputStream in = ConstraintNamesTest.class.getResourceAsStream("/db/constraint-messages.json")) {
      JsonArray cases = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getJsonArray("cases");
      return cases.stream().map(c -> Arguments.of(((JsonObject) c).getString("name"), c));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void findsTheConstraintWhereverTheErrorNamesIt(String name, JsonObject testCase) {
    // message, severity, SQLSTATE, then detail to data type (none), then the constraint field
    PgException failure = new PgException(testCase.getString("message"), "ERROR", "23505", null, null, null, null, null, null,
      null, null, null, null, null, null, null, testCase.getString("constraint"));

    assertEquals(testCase.getBoolean("violated"), ConstraintNames.violated(failure, testCase.getString("asks")), name);
  }
}
