package io.tongxing.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Behaviour stays testable on the JVM only while it stays out of Android: nothing outside
 * {@code io.tongxing.app.android} may refer to an Android class. Checked on the compiled classes (which
 * also catches fully qualified names and inherited types, not just imports) and on the sources.
 */
class AndroidFreeModelTest {
    private static final Path CLASSES = Paths.get("target", "classes", "io", "tongxing", "app");
    private static final Path SOURCES = Paths.get("src", "main", "java", "io", "tongxing", "app");

    @Test
    void noClassOutsideTheAndroidPackageRefersToAndroid() throws IOException {
        List<String> offenders = new ArrayList<>();
        List<Path> classes = files(CLASSES, ".class");
        for (Path file : classes) {
            String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            if (constants.contains("android/")) {
                offenders.add(CLASSES.relativize(file).toString());
            }
        }
        assertTrue(classes.size() > 40, "expected the model classes under " + CLASSES + ", found " + classes.size());
        assertEquals(List.of(), offenders, "these classes refer to android.*");
    }

    @Test
    void noSourceOutsideTheAndroidPackageImportsAndroid() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : files(SOURCES, ".java")) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.matches("\\s*import\\s+(static\\s+)?(android|androidx)\\..*")) {
                    offenders.add(SOURCES.relativize(file) + ": " + line.trim());
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void theActivitiesDoLiveInTheAndroidPackage() throws IOException {
        List<Path> android;
        try (Stream<Path> walk = Files.walk(CLASSES.resolve("android"))) {
            android = walk.filter(p -> p.toString().endsWith("Activity.class")).collect(Collectors.toList());
        }
        java.util.Set<String> found = android.stream().map(p -> p.getFileName().toString().replace(".class", ""))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        java.util.Set<String> declared = new java.util.TreeSet<>();
        java.util.regex.Matcher activity = java.util.regex.Pattern.compile("<activity[^>]*?android:name=\"\\.android\\.(\\w+)\"")
                .matcher(Files.readString(java.nio.file.Paths.get("src/main/AndroidManifest.xml")).replaceAll("\\s+", " "));
        while (activity.find()) {
            declared.add(activity.group(1));
        }
        declared.add("ScreenActivity"); // the screens' shared base, not a screen
        assertEquals(declared, found, "every Activity is declared in the manifest, and lives in the android package");
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix))
                    .filter(p -> !root.relativize(p).startsWith("android"))
                    .collect(Collectors.toList());
        }
    }
}
