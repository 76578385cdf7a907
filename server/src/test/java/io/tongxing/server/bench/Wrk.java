package io.tongxing.server.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk (Debian package {@code wrk}), one thread, a fixed number of connections, closed loop: the
 * HTTP load generator the figures were taken with. Each request takes the next line of a
 * file of request headers (each resident's {@code Authorization}, and an {@code If-None-Match} where
 * given), so every connection cycles through all residents. The CPU wrk itself spent is taken from
 * the shell that ran it ({@code times}), so it can be told apart from the server's.
 */
final class Wrk {

  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern COUNT = Pattern.compile("([0-9]+) requests in");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: ([0-9]+)");
  private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)");

  /** One run's figures: the rate, the latency percentiles wrk reports, failures and wrk's own CPU. */
  record Run(double rate, long requests, double p50Millis, double p99Millis, long failures, long cpuNanos) {
  }

  private Wrk() {
  }

  /**
   * Requests {@code path} on {@code port} for {@code seconds} with {@code connections} connections,
   * each request with the next line of {@code headers} ({@code Name: value} pairs separated by tabs).
   */
  static Run run(int port, String path, Path headers, int connections, int seconds) throws IOException, InterruptedException {
    return run(port, path, headers, connections, seconds, null);
  }

  /** As {@link #run(int, String, Path, int, int)}, wrk kept to the CPUs {@code cpus} ({@code taskset -c}; null: any). */
  static Run run(int port, String path, Path headers, int connections, int seconds, String cpus)
    throws IOException, InterruptedException {
    Path script = Files.createTempFile("wrk", ".lua");
    Files.writeString(script, """
      -- Built in init: wrk fills in the Host header only once a thread starts.
      local lines = {}
      local i = 0
      function init(args)
        for line in io.lines("%s") do
          local headers = {}
          for name, value in line:gmatch("([^\t:]+): ([^\t]+)") do headers[name] = value end
          lines[#lines + 1] = wrk.format("GET", "%s", headers)
        end
      end
      request = function()
        i = i %% #lines + 1
        return lines[i]
      end
      """.formatted(headers, path));
    String command = (cpus == null ? "" : "taskset -c " + cpus + " ") + "wrk -t1 -c" + connections + " -d" + seconds + "s --latency -s " + script + " http://localhost:" + port
      + " && times";
    Process process = new ProcessBuilder(List.of("bash", "-c", command)).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("wrk failed:\n" + output);
    }
    Files.delete(script);
    long failures = first(NON_2XX, output);
    Matcher sockets = SOCKET_ERRORS.matcher(output);
    if (sockets.find()) {
      for (int g = 1; g <= 4; g++) {
        failures += Long.parseLong(sockets.group(g));
      }
    }
    Matcher rate = RATE.matcher(output);
    Matcher times = Pgbench.TIMES.matcher(output.strip());
    if (!rate.find() || !times.find()) {
      throw new IOException("unexpected wrk output:\n" + output);
    }
    return new Run(Double.parseDouble(rate.group(1)), first(COUNT, output), latency(output, "50%"), latency(output, "99%"),
      failures, Pgbench.shellTimes(times));
  }

  private static long first(Pattern pattern, String output) {
    Matcher matcher = pattern.matcher(output);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
  }

  /** A percentile of wrk's latency distribution, in milliseconds. */
  private static double latency(String output, String percentile) {
    Matcher matcher = Pattern.compile(Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(output);
    if (!matcher.find()) {
      return Double.NaN;
    }
    double value = Double.parseDouble(matcher.group(1));
    return switch (matcher.group(2)) {
      case "us" -> value / 1000;
      case "s" -> value * 1000;
      default -> value;
    };
  }
}
