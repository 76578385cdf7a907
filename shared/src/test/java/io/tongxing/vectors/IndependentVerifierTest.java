package io.tongxing.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tongxing.jose.JsonFields;
import io.tongxing.testing.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docs/token-format.md is meant to be enough to write a verifier that agrees with every vector.
 * {@code src/test/python/independent_verifier.py} is one, written from the document alone in
 * another language with another crypto library (pyca/cryptography); this test runs it on the
 * committed vectors. It needs python3 with {@code cryptography} and says so where it is missing.
 */
class IndependentVerifierTest {
    private static final Path SCRIPT = Paths.get("src/test/python/independent_verifier.py");
    private static final Path VECTORS = Paths.get("src/test/resources" + VerifierVectors.RESOURCE);

    @Test
    void aVerifierWrittenFromTheDocumentAgreesWithEveryVector() throws Exception {
        assumeTrue(run(List.of("python3", "-c", "import cryptography")).status == 0,
                "python3 with the cryptography package is not installed: the independent verifier cannot run");

        Run run = run(List.of("python3", SCRIPT.toString(), VECTORS.toString()));

        Map<String, Object> suite = Json.resource(VerifierVectors.RESOURCE);
        String everyCase = JsonFields.list(suite, "cases").size() + " cases, "
                + JsonFields.list(suite, "trust_bundle_cases").size() + " bundle cases, 0 disagreements";
        assertEquals(0, run.status, run.output);
        assertTrue(run.output.contains(everyCase), run.output);
    }

    private record Run(int status, String output) {
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("independent-verifier", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Run(-1, "did not finish");
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException notInstalled) {
            return new Run(-1, notInstalled.getMessage());
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
