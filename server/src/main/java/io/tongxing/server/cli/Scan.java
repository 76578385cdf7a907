package io.tongxing.server.cli;

import io.tongxing.verify.OfflineVerifier;
import io.tongxing.verify.Verdict;

/** What was scanned: text (typed, pasted, or read from a QR image) or the bytes of a file. */
sealed interface Scan permits Scan.Text, Scan.Bytes {

  Verdict verifiedBy(OfflineVerifier verifier);

  record Text(String text) implements Scan {
    @Override
    public Verdict verifiedBy(OfflineVerifier verifier) {
      return verifier.verify(text);
    }
  }

  record Bytes(byte[] bytes) implements Scan {
    @Override
    public Verdict verifiedBy(OfflineVerifier verifier) {
      return verifier.verify(bytes);
    }
  }
}
