package io.tongxing.server.http;

import io.vertx.pgclient.PgException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A dead Citus worker reaches the node as the coordinator relays it — not only as a lost connection
 * (08xxx) but as SQLSTATE XX000 with libpq's words, or as an I/O error (58030) — and is answered 503
 * like any database that went away; a real internal error stays a 500.
 */
class DatabaseErrorsTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
    "XX000|server closed the connection unexpectedly. This probably means the server terminated abnormally|503 DATABASE_UNAVAILABLE",
    "XX000|SSL SYSCALL error: EOF detected|503 DATABASE_UNAVAILABLE",
    "58030|failed to COPY to shard 102043 on 127.0.0.1:39929|503 DATABASE_UNAVAILABLE",
    "08006|connection to the remote node 127.0.0.1:39929 failed|503 DATABASE_UNAVAILABLE",
    "XX000|could not find array type for data type|500",
    "42P01|relation \"check_ins\" does not exist|500"})
  void aDeadWorkerIsUnavailableAndABugIsNot(String state, String message, String answer) {
    PgException failure = new PgException(message, "ERROR", state, null);

    ApiException mapped = DatabaseErrors.map(failure);

    assertEquals(answer, mapped == null ? "500" : mapped.status() + " " + mapped.code());
  }
}
