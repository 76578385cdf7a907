package io.tongxing.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference: {@code openssl speed -elapsed -seconds S ecdsap256}, run in the same process tree,
 * same run. {@code -elapsed} divides by wall-clock time, as our side is measured: without it OpenSSL
 * divides by its CPU time, which other processes on a busy machine do not take away, and the ratio
 * would fall with the machine's load rather than with our code.
 */
final class OpenSslSpeed {
    private static final Pattern RESULT = Pattern.compile("256 bits ecdsa \\(nistp256\\)\\s+\\S+s\\s+\\S+s\\s+([0-9.]+)\\s+([0-9.]+)");

    final double signPerSecond;
    final double verifyPerSecond;
    final String version;

    private OpenSslSpeed(double sign, double verify, String version) {
        this.signPerSecond = sign;
        this.verifyPerSecond = verify;
        this.version = version;
    }

    static Optional<OpenSslSpeed> measure(int seconds) {
        try {
            String version = run("openssl", "version").trim();
            String output = run("openssl", "speed", "-elapsed", "-seconds", Integer.toString(seconds), "ecdsap256");
            Matcher matcher = RESULT.matcher(output);
            if (!matcher.find()) {
                return Optional.empty();
            }
            return Optional.of(new OpenSslSpeed(Double.parseDouble(matcher.group(1)),
                    Double.parseDouble(matcher.group(2)), version));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
