package io.tongxing.server.healthcode;

import io.tongxing.server.db.ChangeNotices;
import io.tongxing.server.rules.Colour;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.token.StatusReference;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node's memory of residents' current codes against the real notices of a real PostgreSQL: what it
 * keeps, what makes it forget, and the reads it must not keep.
 */
@ExtendWith(VertxExtension.class)
class CurrentCodesTest {

  private static PgConnectOptions database;
  private static Pool pool;
  private ChangeNotices notices;
  private CurrentCodes codes;

  @BeforeAll
  static void connect(Vertx vertx) {
    database = TestDatabase.otherDatabase("currentcodes");
    pool = PgBuilder.pool().connectingTo(database).using(vertx).build();
  }

  @AfterAll
  static void disconnect() {
    pool.close().await();
  }

  @BeforeEach
  void listen(Vertx vertx) throws InterruptedException {
    notices = ChangeNotices.listen(vertx, database).await();
    codes = new CurrentCodes(notices, 1_000);
    assertTrue(eventually(notices::isListening), "its LISTEN is in place");
  }

  @AfterEach
  void close() {
    notices.close().await();
  }

  @Test
  void aCodeReadIsKeptUntilAChangeOfItsResidentCommits() {
    UUID resident = UUID.randomUUID();
    IssuedCode code = code();
    codes.keep(codes.begin(resident), code);
    assertSame(code, codes.get(resident));

    codes.changed(pool, List.of(UUID.randomUUID())).await();
    assertSame(code, codes.get(resident), "another resident's change leaves it");

    codes.changed(pool, List.of(resident)).await();
    assertNull(codes.get(resident), "forgotten here as the change is made, not when its notice comes back");
  }

  @Test
  void aReadThatRacedAChangeIsNotKept() throws InterruptedException {
    UUID resident = UUID.randomUUID();
    CurrentCodes.Fill before = codes.begin(resident);

    codes.changed(pool, List.of(resident)).await();
    codes.keep(before, code());

    assertNull(codes.get(resident), "read before the change: it may be the old code");
    heardEverythingSentSoFar(); // the change's own notice comes back too, and would drop what is kept below
    IssuedCode fresh = code();
    codes.keep(codes.begin(resident), fresh);
    assertSame(fresh, codes.get(resident), "a read begun after the change is kept");
  }

  @Test
  void aChangeCommittedElsewhereIsHeardThroughItsNotice(Vertx vertx) throws InterruptedException {
    List<UUID> residents = new ArrayList<>();
    for (int i = 0; i < 2 * CurrentCodes.ACCOUNTS_PER_NOTICE + 1; i++) {
      UUID resident = UUID.randomUUID();
      residents.add(resident);
      codes.keep(codes.begin(resident), code());
    }
    // Another node's memory of the same residents, on a connection of its own.
    ChangeNotices otherNotices = ChangeNotices.listen(vertx, database).await();
    try {
      CurrentCodes otherNode = new CurrentCodes(otherNotices, 1_000);
      otherNode.changed(pool, residents).await();

      assertTrue(eventually(() -> residents.stream().allMatch(r -> codes.get(r) == null)),
        "every resident named in the three notices is forgotten");
    } finally {
      otherNotices.close().await();
    }
  }

  @Test
  void aChangeRolledBackTellsNoOtherNode(Vertx vertx) throws InterruptedException {
    UUID resident = UUID.randomUUID();
    IssuedCode code = code();
    codes.keep(codes.begin(resident), code);
    ChangeNotices otherNotices = ChangeNotices.listen(vertx, database).await();
    try {
      CurrentCodes otherNode = new CurrentCodes(otherNotices, 1_000);
      assertTrue(eventually(otherNotices::isListening));

      pool.withTransaction(tx -> otherNode.changed(tx, List.of(resident))
        .compose(v -> tx.query("select 1 / 0").execute())).otherwise(e -> null).await();
      heardEverythingSentSoFar();

      assertSame(code, codes.get(resident), "no notice of a change that did not happen");
    } finally {
      otherNotices.close().await();
    }
  }

  @Test
  void aNoticeThisNodeCannotReadDropsEverythingItKept() throws InterruptedException {
    UUID resident = UUID.randomUUID();
    codes.keep(codes.begin(resident), code());

    pool.preparedQuery("select pg_notify('tongxing_changes', $1)").execute(Tuple.of("CODES:not-a-resident")).await();

    assertTrue(eventually(() -> codes.get(resident) == null));
    IssuedCode fresh = code();
    codes.keep(codes.begin(resident), fresh);
    assertSame(fresh, codes.get(resident), "and keeps again what it reads afterwards");
  }

  @Test
  void whileItCannotHearNoticesANodeKeepsNothing() {
    UUID resident = UUID.randomUUID();
    codes.keep(codes.begin(resident), code());

    notices.close().await();

    assertNull(codes.get(resident), "what it held may have changed unheard");
    codes.keep(codes.begin(resident), code());
    assertNull(codes.get(resident));
  }

  @Test
  void aNodeConfiguredToKeepNoCodesReadsEveryDisplay() {
    CurrentCodes none = new CurrentCodes(notices, 0);
    UUID resident = UUID.randomUUID();
    none.keep(none.begin(resident), code());
    assertNull(none.get(resident));
  }

  @Test
  void aReadDuringAChangeDoesNotOutliveItsCommit() {
    UUID resident = UUID.randomUUID();
    codes.keep(codes.begin(resident), code());

    IssuedCode readMeanwhile = pool.withTransaction(tx -> codes.changed(tx, List.of(resident)).map(v -> {
      // Another request reads the resident's code before the change commits: the old one.
      IssuedCode old = code();
      codes.keep(codes.begin(resident), old);
      return codes.get(resident);
    })).await();

    assertTrue(readMeanwhile != null, "kept while the change is uncommitted (it is still the current code)");
    assertNull(codes.get(resident), "and forgotten when it commits");
  }

  /** Notices arrive in commit order: once one sent now is heard, every notice sent before it has been. */
  private void heardEverythingSentSoFar() throws InterruptedException {
    UUID marker = UUID.randomUUID();
    codes.keep(codes.begin(marker), code());
    pool.preparedQuery("select pg_notify('tongxing_changes', $1)").execute(Tuple.of("CODES:" + marker)).await();
    assertTrue(eventually(() -> codes.get(marker) == null), "the marker's notice is heard");
  }

  private static IssuedCode code() {
    Instant now = Instant.parse("2026-03-15T08:00:00Z");
    return new IssuedCode("token-" + UUID.randomUUID(), Colour.GREEN, now, now.plus(Duration.ofHours(24)),
      new StatusReference(1, 7), false);
  }

  private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }
}
