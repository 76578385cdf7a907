package io.tongxing.server.cli;

import io.tongxing.token.CommuterPass;
import io.tongxing.token.Credential;
import io.tongxing.token.HealthCode;
import io.tongxing.token.RegionCode;
import io.tongxing.trust.Issuer;
import io.tongxing.verify.Verdict;
import io.tongxing.verify.VerifiedCredential;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Prints a verdict as an officer reads it: outcome, reason code and words, then what was verified
 * (nothing, if the signature was not good) in the chosen language, with times in the region's zone.
 */
final class VerdictReport {

  private static final int LABEL_COLUMNS = 14;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private final PrintStream out;
  private final CliText text;
  private final ZoneId zone;

  VerdictReport(PrintStream out, CliText text, ZoneId zone) {
    this.out = out;
    this.text = text;
    this.zone = zone;
  }

  void print(Verdict verdict, Optional<CliProblem> statusListProblem) {
    String words = text.get("reason.words", verdict.reason().chinese(), verdict.reason().english());
    out.printf("%-6s %s  %s%n", verdict.outcome(), verdict.reason(), words);
    verdict.credential().ifPresent(this::print);
    verdict.hint().ifPresent(hint -> line("label.hint", text.get("reason.words", hint.chinese(), hint.english())));
    verdict.statusAge().ifPresent(age -> line("label.statusAge", text.get("statusAge", String.valueOf(age.getSeconds()))));
    statusListProblem.ifPresent(problem -> line("label.statusList", problem.text(text)));
    line("label.checkedAt", time(verdict.checkedAt()));
  }

  private void print(VerifiedCredential verified) {
    Credential credential = verified.credential();
    line("label.kind", text.get("kind." + credential.kind().typ()));
    line("label.name", text.get("name", credential.maskedName(), credential.idLastFour()));
    if (credential instanceof HealthCode code) {
      line("label.colour", text.get("colour." + code.colour().code()));
    }
    if (credential instanceof CommuterPass pass) {
      line("label.model", text.get("model." + pass.model().code()));
      line("label.route", pass.route().stream().map(RegionCode::value).collect(Collectors.joining(", ")));
      line("label.employer", pass.enterprise());
      pass.vehiclePlate().ifPresent(plate -> line("label.vehicle", plate));
      line("label.validFrom", time(pass.validityStart()));
    }
    line("label.expires", time(credential.expiresAt()));
    Issuer issuer = verified.issuer();
    line("label.issuer", text.get("issuer", issuer.name(), issuer.nameEn(), issuer.region().value()));
    if (verified.holderProofChecked()) {
      line("label.holderProof", text.get("holderProof.checked"));
    }
  }

  /** A labelled line; labels are padded to one column width, a Chinese character counting two. */
  private void line(String label, String value) {
    String words = text.get(label);
    int width = words.codePoints().map(c -> c >= 0x1100 ? 2 : 1).sum();
    out.printf("  %s%s  %s%n", words, " ".repeat(Math.max(0, LABEL_COLUMNS - width)), value);
  }

  private String time(Instant instant) {
    return text.get("time", TIME.format(instant.atZone(zone)), zone.getId());
  }
}
