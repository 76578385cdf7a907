package io.tongxing.android;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that the shared library, with nimbus-jose-jwt and zxing core, dexes cleanly with D8 for
 * Android API 26: the Android app ships exactly these classes. (That shared calls only methods
 * API 26 has is checked at compile time by animal-sniffer.) D8 comes from Maven Central
 * ({@code com.android.tools:r8}) through the {@code d8-check} profile; where it cannot be resolved
 * ({@code -DskipD8}) this test is skipped and says so.
 */
class DexCompatibilityTest {
    private static final String[] ENTRY_POINTS = {
        "Lio/tongxing/verify/OfflineVerifier;",
        "Lio/tongxing/qr/QrScanner;",
        "Lio/tongxing/holder/HolderProof;",
        "Lcom/nimbusds/jose/crypto/ECDSAVerifier;",
        "Lcom/google/zxing/qrcode/QRCodeReader;",
    };

    @Test
    void sharedAndItsDependenciesDexAtMinApi26WithoutAWord(@TempDir Path work) throws Exception {
        Path d8 = jar("tongxing.d8.jar");
        Path android = jar("tongxing.android.jar");

        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(d8.toString());
        command.add("com.android.tools.r8.D8");
        command.add("--release");
        command.add("--min-api");
        command.add("26");
        command.add("--lib");
        command.add(android.toString());
        command.add("--lib");
        command.add(System.getProperty("java.home"));
        command.add("--output");
        command.add(work.toString());
        command.add(sharedJar(work).toString());
        command.add(dependency("nimbus-jose-jwt"));
        command.add(dependency("zxing" + File.separator + "core"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();

        assertEquals(0, exit, "D8 failed:\n" + output);
        assertEquals("", output.trim(), "D8 reported diagnostics");
        byte[] dex = Files.readAllBytes(work.resolve("classes.dex"));
        String strings = new String(dex, StandardCharsets.ISO_8859_1);
        for (String type : ENTRY_POINTS) {
            assertTrue(strings.contains(type), "classes.dex lacks " + type);
        }
    }

    private static Path jar(String property) {
        String path = System.getProperty(property);
        assumeTrue(path != null && Files.isRegularFile(Paths.get(path)),
                "D8 or the Android framework jar could not be resolved (built with -DskipD8?): "
                        + "Android compatibility of shared NOT checked");
        return Paths.get(path);
    }

    /** Shared's compiled classes, as the jar Maven would make. */
    private static Path sharedJar(Path work) throws IOException {
        Path classes = Paths.get("target", "classes");
        Path jar = work.resolve("tongxing-shared.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static String dependency(String pathPart) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains(pathPart) && entry.endsWith(".jar")) {
                return entry;
            }
        }
        throw new IllegalStateException("no " + pathPart + " jar on the test class path");
    }
}
