package io.tongxing.server.status;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/**
 * A keyed permutation of the positions {@code 0 … 2^bits − 1} of one status list: a four-round
 * balanced Feistel network with HMAC-SHA256 rounds. Consecutive issues land at unrelated indices,
 * so an index says nothing about when or in what order tokens were issued, and the permutation
 * being a bijection means two positions never share an index.
 */
final class IndexPermutation {

  private static final int ROUNDS = 4;

  private final SecretKeySpec key;
  private final int halfBits;
  private final int halfMask;

  IndexPermutation(byte[] key, int bits) {
    if (bits % 2 != 0 || bits < 2 || bits > 30) {
      throw new IllegalArgumentException("bits must be even, 2 to 30");
    }
    this.key = new SecretKeySpec(key, "HmacSHA256");
    this.halfBits = bits / 2;
    this.halfMask = (1 << halfBits) - 1;
  }

  int apply(long list, int position) {
    int left = position >>> halfBits;
    int right = position & halfMask;
    for (int round = 0; round < ROUNDS; round++) {
      int mixed = left ^ (round(list, round, right) & halfMask);
      left = right;
      right = mixed;
    }
    return (left << halfBits) | right;
  }

  private int round(long list, int round, int half) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(ByteBuffer.allocate(13).putLong(list).put((byte) round).putInt(half).array());
      return ByteBuffer.wrap(digest).getInt();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
