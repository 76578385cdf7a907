package io.tongxing.server.cli;

import io.tongxing.status.VerifiedStatusList;
import io.tongxing.trust.TrustStore;
import io.tongxing.verify.CheckpointPolicy;
import io.tongxing.verify.HolderProofPolicy;
import io.tongxing.verify.OfflineVerifier;
import io.tongxing.verify.Reason;
import io.tongxing.verify.StatusLists;
import io.tongxing.verify.Verdict;
import io.tongxing.verify.VerifiedCredential;

import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code java -jar tongxing-server.jar verify [options] <qr.png | text file | - | QR text | JWS>}:
 * runs the offline verifier as a checkpoint would, against a region server's trust bundle and the
 * status list the token names. Every scanned input ends in a verdict — exit status 0 PASS, 1 STOP,
 * 2 REVIEW — with its reason; 3 means no verdict was reached because there was nothing to verify
 * (a missing file, an image without a code, a wrong command line) or no trust data to verify with.
 *
 * <p>The token is verified first without status data; only if its signature holds and it is
 * {@code STATUS_UNAVAILABLE} is the list it names fetched — from the verified issuer's address in
 * the verified bundle — and the token verified again with it. A list that cannot be had leaves the
 * verdict at REVIEW, saying why.
 */
public final class VerifyCommand {

  static final int COULD_NOT_RUN = 3;

  private final PrintStream out;
  private final InputStream in;
  private final Clock clock;
  private final Locale locale;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  VerifyCommand(PrintStream out, InputStream in, Clock clock, Locale locale) {
    this.out = out;
    this.in = in;
    this.clock = clock;
    this.locale = locale;
  }

  public static int run(List<String> args, PrintStream out) {
    return new VerifyCommand(out, System.in, Clock.systemUTC(), Locale.getDefault()).execute(args);
  }

  int execute(List<String> args) {
    CliText text = VerifyOptions.language(args, locale);
    try {
      VerifyOptions options = VerifyOptions.parse(args);
      if (options.help()) {
        out.println(text.get("usage"));
        return 0;
      }
      Scan scan = ScannedInput.read(options.input(), in);
      RegionDownloads downloads = new RegionDownloads(http, options.server());
      TrustStore trust = downloads.trustBundle(trustKey(options, downloads, text));
      return judge(scan, trust, policy(options, trust), downloads, new VerdictReport(out, text, options.zone()));
    } catch (CliProblem problem) {
      out.println(problem.text(text));
      out.println(text.get("noVerdict"));
      return COULD_NOT_RUN;
    } catch (RuntimeException bug) {
      // An exit status of 1 would read as STOP: whatever went wrong, say that no verdict was reached.
      out.println(text.get("internalError"));
      out.println(text.get("noVerdict"));
      return COULD_NOT_RUN;
    }
  }

  private int judge(Scan scan, TrustStore trust, CheckpointPolicy policy, RegionDownloads downloads, VerdictReport report) {
    Instant now = clock.instant();
    Verdict verdict = scan.verifiedBy(verifier(trust, policy, StatusLists.none(), now));
    Optional<CliProblem> statusListProblem = Optional.empty();
    if (verdict.reason() == Reason.STATUS_UNAVAILABLE && verdict.credential().isPresent()) {
      VerifiedCredential verified = verdict.credential().get();
      String uri = verified.issuer().statusListUri(verified.credential().status().list());
      try {
        VerifiedStatusList list = downloads.statusList(uri, trust);
        verdict = scan.verifiedBy(verifier(trust, policy, StatusLists.of(List.of(list)), now));
        if (verdict.reason() == Reason.STATUS_UNAVAILABLE) {
          statusListProblem = Optional.of(new CliProblem("status.notTheTokensList", uri));
        }
      } catch (CliProblem cannotBeHad) {
        statusListProblem = Optional.of(cannotBeHad);
      }
    }
    report.print(verdict, statusListProblem);
    return verdict.outcome().ordinal();
  }

  private ECPublicKey trustKey(VerifyOptions options, RegionDownloads downloads, CliText text) throws CliProblem {
    if (options.trustKeyFile().isPresent()) {
      return RegionDownloads.trustKeyFile(options.trustKeyFile().get());
    }
    RegionDownloads.PublishedKey published = downloads.publishedTrustKey();
    out.println(text.get("trust.fetched", published.thumbprint()));
    return published.key();
  }

  private static CheckpointPolicy policy(VerifyOptions options, TrustStore trust) {
    CheckpointPolicy.Builder policy = CheckpointPolicy.builder(options.region().orElse(trust.home()))
      .corridor(options.corridor().orElse(null))
      .holderProof(options.holderProof() ? HolderProofPolicy.REQUIRED : HolderProofPolicy.OPTIONAL);
    if (options.passRequired()) {
      policy.passRequired();
    }
    return policy.build();
  }

  private OfflineVerifier verifier(TrustStore trust, CheckpointPolicy policy, StatusLists lists, Instant now) {
    return OfflineVerifier.builder(trust, policy).statusLists(lists).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
  }
}
