package io.tongxing.server.cli;

import com.nimbusds.jose.jwk.ECKey;
import io.tongxing.jose.CompactJws;
import io.tongxing.jose.JwsRejectedException;
import io.tongxing.jose.SignedDataException;
import io.tongxing.qr.QrScanner;
import io.tongxing.qr.QrText;
import io.tongxing.qr.QrTextException;
import io.tongxing.status.StatusListToken;
import io.tongxing.status.VerifiedStatusList;
import io.tongxing.token.CommuterPass;
import io.tongxing.token.Credential;
import io.tongxing.token.HealthCode;
import io.tongxing.token.RegionCode;
import io.tongxing.trust.Issuer;
import io.tongxing.trust.TrustBundle;
import io.tongxing.trust.TrustStore;
import io.tongxing.verify.CheckpointPolicy;
import io.tongxing.verify.HolderProofPolicy;
import io.tongxing.verify.OfflineVerifier;
import io.tongxing.verify.StatusLists;
import io.tongxing.verify.Verdict;
import io.tongxing.verify.VerifiedCredential;
import io.vertx.core.json.JsonObject;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code java -jar tongxing-server.jar verify [options] <qr.png | QR text>}: runs the offline
 * verifier, as a checkpoint would, against a region server's trust bundle and status list. Exit
 * status 0 for PASS, 1 STOP, 2 REVIEW, 3 when it could not run.
 */
public final class VerifyCommand {

  static final int COULD_NOT_RUN = 3;
  private static final String USAGE = String.join("\n",
    "usage: java -jar tongxing-server.jar verify [options] <qr.png | QR text | compact JWS>",
    "  --server URL         the region server (default http://localhost:8080)",
    "  --trust-key FILE     the trust key to pin (a JWK); default: fetched from the server and shown for comparison",
    "  --region CODE        the checkpoint's GB/T 2260 region (default: the server's own region)",
    "  --corridor ID        the checkpoint's corridor",
    "  --pass-required      accept passes only",
    "  --holder-proof       require a live holder proof");

  private final PrintStream out;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  VerifyCommand(PrintStream out) {
    this.out = out;
  }

  public static int run(List<String> args, PrintStream out) {
    return new VerifyCommand(out).execute(args);
  }

  int execute(List<String> args) {
    if (args.contains("--help") || args.contains("-h")) {
      out.println(USAGE);
      return 0;
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      out.println(e.getMessage());
      out.println(USAGE);
      return COULD_NOT_RUN;
    }
    try {
      String scanned = scanned(options.input);
      ECPublicKey trustKey = trustKey(options);
      TrustStore trust = TrustBundle.verify(get(options.server + "/trust-bundle"), List.of(trustKey), null);
      CheckpointPolicy.Builder policy = CheckpointPolicy.builder(options.region.orElse(trust.home()))
        .corridor(options.corridor).holderProof(options.holderProof ? HolderProofPolicy.REQUIRED : HolderProofPolicy.OPTIONAL);
      if (options.passRequired) {
        policy.passRequired();
      }
      OfflineVerifier verifier = OfflineVerifier.builder(trust, policy.build())
        .statusLists(StatusLists.of(statusLists(scanned, trust)))
        .build();
      Verdict verdict = verifier.verify(scanned);
      print(verdict);
      return verdict.outcome().ordinal();
    } catch (IOException | SignedDataException | RuntimeException e) {
      out.println("could not verify: " + e.getMessage());
      return COULD_NOT_RUN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return COULD_NOT_RUN;
    }
  }

  /** The QR text in a PNG or JPEG, or the argument itself. */
  private String scanned(String input) throws IOException {
    Path path = Path.of(input);
    if (input.length() < 4096 && Files.isRegularFile(path)) {
      BufferedImage image = ImageIO.read(path.toFile());
      if (image == null) {
        throw new IOException(input + " is not an image ImageIO can read");
      }
      int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
      return new QrScanner().scanArgb(pixels, image.getWidth(), image.getHeight())
        .orElseThrow(() -> new IOException("no QR code found in " + input));
    }
    return input;
  }

  private ECPublicKey trustKey(Options options) throws IOException, InterruptedException {
    try {
      if (options.trustKeyFile != null) {
        return ECKey.parse(Files.readString(Path.of(options.trustKeyFile))).toECPublicKey();
      }
      JsonObject published = new JsonObject(get(options.server + "/.well-known/tongxing-trust-key.json"));
      out.println("trust key fetched from the server, thumbprint " + published.getString("thumbprint")
        + " (compare it with the one your region published before trusting this answer)");
      return ECKey.parse(published.getJsonObject("jwk").getMap()).toECPublicKey();
    } catch (ParseException | com.nimbusds.jose.JOSEException e) {
      throw new IOException("the trust key is not a P-256 JWK: " + e.getMessage(), e);
    }
  }

  /**
   * The status list the scanned token points to, fetched and verified; none if the token cannot be
   * read (the verifier will say why).
   */
  private List<VerifiedStatusList> statusLists(String scanned, TrustStore trust)
    throws IOException, InterruptedException, SignedDataException {
    List<VerifiedStatusList> lists = new ArrayList<>();
    try {
      String token = QrText.isTongxing(scanned) ? QrText.decode(scanned).token() : scanned.trim();
      Map<String, Object> claims = CompactJws.parse(token).unverifiedClaims();
      Optional<Issuer> issuer = RegionCode.parse(String.valueOf(claims.get("iss"))).flatMap(trust::issuer);
      if (issuer.isPresent() && claims.get("s") instanceof List && ((List<?>) claims.get("s")).size() == 2) {
        Object list = ((List<?>) claims.get("s")).get(0);
        lists.add(StatusListToken.verify(get(issuer.get().statusListUri(((Number) list).longValue())), trust, null));
      }
    } catch (QrTextException | JwsRejectedException e) {
      // Malformed input: the verifier gives the precise reason.
    }
    return lists;
  }

  private String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
      HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + url + " answered " + response.statusCode());
    }
    return response.body();
  }

  private void print(Verdict verdict) {
    out.printf("%-6s %s  %s / %s%n", verdict.outcome(), verdict.reason(), verdict.reason().chinese(), verdict.reason().english());
    verdict.credential().ifPresent(this::print);
    verdict.hint().ifPresent(hint -> out.printf("  check        %s / %s%n", hint.chinese(), hint.english()));
    verdict.statusAge().ifPresent(age -> out.printf("  status data  %d s old%n", age.getSeconds()));
  }

  private void print(VerifiedCredential verified) {
    Credential credential = verified.credential();
    Issuer issuer = verified.issuer();
    out.printf("  kind         %s%n", credential.kind());
    out.printf("  name         %s   ID …%s%n", credential.maskedName(), credential.idLastFour());
    if (credential instanceof HealthCode) {
      out.printf("  colour       %s%n", ((HealthCode) credential).colour());
    }
    if (credential instanceof CommuterPass) {
      CommuterPass pass = (CommuterPass) credential;
      out.printf("  pass         %s, route %s, %s%n", pass.model(), pass.route(), pass.vehiclePlate().map(p -> "vehicle " + p).orElse("no vehicle"));
      out.printf("  valid from   %s%n", pass.validityStart());
    }
    out.printf("  issuer       %s %s (%s)%n", issuer.name(), issuer.nameEn(), issuer.region());
    out.printf("  expires      %s%n", credential.expiresAt());
    if (verified.holderProofChecked()) {
      out.println("  holder proof verified");
    }
  }

  /** The command line. */
  record Options(String server, String trustKeyFile, Optional<RegionCode> region, String corridor, boolean passRequired,
                 boolean holderProof, String input) {

    static Options parse(List<String> args) {
      String server = "http://localhost:8080";
      String trustKey = null;
      Optional<RegionCode> region = Optional.empty();
      String corridor = null;
      boolean passRequired = false;
      boolean holderProof = false;
      String input = null;
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        switch (arg) {
          case "--server" -> server = value(args, ++i, arg).replaceAll("/+$", "");
          case "--trust-key" -> trustKey = value(args, ++i, arg);
          case "--region" -> {
            String code = value(args, ++i, arg);
            region = Optional.of(RegionCode.parse(code)
              .orElseThrow(() -> new IllegalArgumentException("--region: " + code + " is not a six-digit GB/T 2260 code")));
          }
          case "--corridor" -> corridor = value(args, ++i, arg);
          case "--pass-required" -> passRequired = true;
          case "--holder-proof" -> holderProof = true;
          default -> {
            if (arg.startsWith("--") || input != null) {
              throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            input = arg;
          }
        }
      }
      if (input == null) {
        throw new IllegalArgumentException("nothing to verify");
      }
      return new Options(server, trustKey, region, corridor, passRequired, holderProof, input);
    }

    private static String value(List<String> args, int index, String option) {
      if (index >= args.size()) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args.get(index);
    }
  }
}
