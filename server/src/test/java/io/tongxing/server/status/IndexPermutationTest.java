package io.tongxing.server.status;

import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexPermutationTest {

  private static final byte[] KEY = "a region's permutation key, 32 b".getBytes();

  @Test
  void everyPositionGetsItsOwnIndexInsideTheList() {
    IndexPermutation permutation = new IndexPermutation(KEY, 16);
    BitSet seen = new BitSet(1 << 16);
    for (int position = 0; position < 1 << 16; position++) {
      int index = permutation.apply(3, position);
      assertTrue(index >= 0 && index < 1 << 16);
      assertFalse(seen.get(index), "index " + index + " used twice");
      seen.set(index);
    }
    assertEquals(1 << 16, seen.cardinality());
  }

  @Test
  void eachListAndEachKeyShufflesDifferently() {
    IndexPermutation permutation = new IndexPermutation(KEY, 20);
    IndexPermutation otherRegion = new IndexPermutation("another region's key, 32 bytes!!".getBytes(), 20);
    int same = 0;
    for (int position = 0; position < 1000; position++) {
      if (permutation.apply(1, position) == permutation.apply(2, position)) {
        same++;
      }
    }
    assertTrue(same < 5, same + " of 1000 positions map alike in two lists");
    assertNotEquals(permutation.apply(1, 0), otherRegion.apply(1, 0));
  }

  @Test
  void consecutiveIssuesLandFarApart() {
    StatusIndexes indexes = new StatusIndexes(KEY, 20);
    long nearby = 0;
    for (long n = 0; n < 1000; n++) {
      if (Math.abs(indexes.place(n + 1).index() - indexes.place(n).index()) < 1024) {
        nearby++;
      }
    }
    assertTrue(nearby < 10, nearby + " of 1000 consecutive issues landed within 1024 of each other");
  }

  @Test
  void theSequenceFillsOneListThenTheNext() {
    StatusIndexes indexes = new StatusIndexes(KEY, 8);
    assertEquals(1, indexes.place(0).list());
    assertEquals(1, indexes.place(255).list());
    assertEquals(2, indexes.place(256).list());
  }
}
