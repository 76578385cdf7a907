package io.tongxing.server.cli;

import io.tongxing.token.RegionCode;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The command line of {@code verify}. The language is read first, so that every complaint about the
 * rest is made in it.
 *
 * @param input the QR text, compact JWS, image or text file, or {@code -} for standard input
 * @param zone the zone times are shown in: the region's (Asia/Shanghai for every region in China)
 */
record VerifyOptions(boolean help, String server, Optional<String> trustKeyFile, Optional<RegionCode> region,
                     Optional<String> corridor, boolean passRequired, boolean holderProof, ZoneId zone, String input) {

  static final String DEFAULT_SERVER = "http://localhost:8080";
  static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

  /** The language of {@code --lang}, else of {@code fallback}; never fails. */
  static CliText language(List<String> args, Locale fallback) {
    int at = args.indexOf("--lang");
    if (at >= 0 && at + 1 < args.size()) {
      try {
        return CliText.forTag(args.get(at + 1));
      } catch (CliProblem unknown) {
        return CliText.forLocale(fallback);
      }
    }
    return CliText.forLocale(fallback);
  }

  static VerifyOptions parse(List<String> args) throws CliProblem {
    boolean help = false;
    String server = DEFAULT_SERVER;
    Optional<String> trustKey = Optional.empty();
    Optional<RegionCode> region = Optional.empty();
    Optional<String> corridor = Optional.empty();
    boolean passRequired = false;
    boolean holderProof = false;
    ZoneId zone = DEFAULT_ZONE;
    String input = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--help", "-h" -> help = true;
        case "--lang" -> CliText.forTag(value(args, ++i, arg));
        case "--server" -> server = server(value(args, ++i, arg));
        case "--trust-key" -> trustKey = Optional.of(value(args, ++i, arg));
        case "--region" -> {
          String code = value(args, ++i, arg);
          region = Optional.of(RegionCode.parse(code).orElseThrow(() -> new CliProblem("usage.region", code)));
        }
        case "--corridor" -> corridor = Optional.of(value(args, ++i, arg));
        case "--pass-required" -> passRequired = true;
        case "--holder-proof" -> holderProof = true;
        case "--zone" -> zone = zone(value(args, ++i, arg));
        default -> {
          if (arg.startsWith("--")) {
            throw new CliProblem("usage.unknownOption", arg);
          }
          if (input != null) {
            throw new CliProblem("usage.twoInputs", input, arg);
          }
          input = arg;
        }
      }
    }
    if (input == null && !help) {
      throw new CliProblem("usage.noInput");
    }
    return new VerifyOptions(help, server, trustKey, region, corridor, passRequired, holderProof, zone, input);
  }

  private static String value(List<String> args, int index, String option) throws CliProblem {
    if (index >= args.size()) {
      throw new CliProblem("usage.needsValue", option);
    }
    return args.get(index);
  }

  private static String server(String url) throws CliProblem {
    String trimmed = url.replaceAll("/+$", "");
    try {
      URI uri = new URI(trimmed);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return trimmed;
      }
    } catch (URISyntaxException e) {
      // not a URL: said below
    }
    throw new CliProblem("usage.server", url);
  }

  private static ZoneId zone(String id) throws CliProblem {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new CliProblem("usage.zone", id);
    }
  }
}
