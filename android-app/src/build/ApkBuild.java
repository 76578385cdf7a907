import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Builds, signs and checks the Tongxing APK without Gradle: D8 (from Maven Central) dexes the app with
 * shared, zxing and nimbus; aapt packages manifest and resources; zipalign; apksigner signs with a
 * debug key made here by keytool, or with the release key the build is given. Then it checks its own
 * output: the signature, the manifest as a device reads it (package, SDK levels, exactly the expected
 * permissions), that D8 said nothing, and that the dex holds every Activity, service and provider the manifest
 * names.
 *
 * <p>Run by the JDK's source launcher from Maven's package phase (see pom.xml), so it needs no compile
 * step of its own. Where aapt, zipalign or apksigner are missing (they come from Debian), D8 and the dex
 * checks still run and the APK is skipped with a message that says so; it never fails silently.
 */
public final class ApkBuild {
    private static final String ANDROID_NS = "http://schemas.android.com/apk/res/android";
    private static final String[] APK_TOOLS = {"aapt", "zipalign", "apksigner"};

    private final Map<String, String> options;
    private final List<String> program;
    private final Path work;

    private ApkBuild(Map<String, String> options, List<String> program) {
        this.options = options;
        this.program = program;
        this.work = Paths.get(option("work"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        List<String> program = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--program")) {
                for (String entry : args[++i].split(File.pathSeparator)) {
                    program.add(Paths.get(entry).toAbsolutePath().toString());
                }
            } else if (args[i].startsWith("--") && args[i].contains("=")) {
                int eq = args[i].indexOf('=');
                String name = args[i].substring(2, eq);
                String value = args[i].substring(eq + 1);
                // Tools run in other directories: make every path absolute.
                boolean path = Arrays.asList("d8", "android-jar", "manifest", "res", "work", "out", "release-keystore",
                        "resources-only", "debug-keystore", "source-dir", "aar-classes", "aar-classes-out")
                        .contains(name) && !value.isEmpty();
                options.put(name, path ? Paths.get(value).toAbsolutePath().toString() : value);
            } else {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
        }
        try {
            new ApkBuild(options, program).run();
        } catch (BuildFailure failure) {
            System.err.println("[apk] FAILED: " + failure.getMessage());
            System.exit(1);
        }
    }

    private void run() throws Exception {
        deleteRecursively(work);
        Files.createDirectories(work);
        Path manifest = Paths.get(option("manifest"));
        if (options.containsKey("resources-only")) {
            classesOfAar(Paths.get(option("aar-classes")), Paths.get(option("aar-classes-out")));
            resourcesForTests(manifest, Paths.get(option("resources-only")));
            return;
        }
        Map<String, String> entryPoints = entryPoints(manifest, option("package"));

        List<Path> dexFiles = dex();
        checkEntryPoints(dexFiles, entryPoints);

        List<String> missing = new ArrayList<>();
        for (String tool : APK_TOOLS) {
            if (onPath(tool) == null) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            String line = "=".repeat(100);
            System.out.println(line);
            System.out.println("[apk] SKIPPED the APK: " + String.join(", ", missing) + " not found on PATH.");
            System.out.println("[apk] The app compiled and dexed with D8 (entry points checked); no tongxing.apk was made.");
            System.out.println("[apk] To build it: apt-get install -y aapt zipalign apksigner dexdump");
            System.out.println(line);
            return;
        }

        Path unaligned = work.resolve("unaligned.apk");
        // resources.arsc must be stored uncompressed (and 4-byte aligned) for targetSdk 30 and up.
        run(work, "aapt", "package", "-f", "-M", manifest.toString(), "-S", option("res"),
                "-I", option("android-jar"), "-F", unaligned.toString(), "-0", "arsc",
                "--version-code", Long.toString(versionCode()),
                "--version-name", option("version-name"));
        List<String> add = new ArrayList<>(Arrays.asList("aapt", "add", unaligned.toString()));
        for (Path dex : dexFiles) {
            add.add(dex.getFileName().toString());
        }
        run(dexFiles.get(0).getParent(), add.toArray(new String[0]));

        Path aligned = work.resolve("aligned.apk");
        run(work, "zipalign", "-f", "4", unaligned.toString(), aligned.toString());

        Path out = Paths.get(option("out"));
        Files.deleteIfExists(out);
        String signedWith = sign(aligned, out);
        check(out);
        System.out.printf("[apk] %s: %,d bytes, version code %d, signed with the %s, %d entry points in the dex, checked.%n",
                out, Files.size(out), versionCode(), signedWith, entryPoints.size());
    }

    /** An .aar's classes.jar, copied out so that it can go on a class path. */
    private static void classesOfAar(Path aar, Path out) throws IOException {
        try (ZipFile zip = new ZipFile(aar.toFile())) {
            ZipEntry classes = zip.getEntry("classes.jar");
            if (classes == null) {
                throw new BuildFailure(aar + " holds no classes.jar");
            }
            Files.copy(zip.getInputStream(classes), out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Only the manifest and resources, compiled as for the APK, for Robolectric's binary resource mode. Without
     * aapt nothing is made and the Robolectric suites skip themselves (they say so).
     */
    private void resourcesForTests(Path manifest, Path out) throws Exception {
        if (onPath("aapt") == null) {
            String line = "=".repeat(100);
            System.out.println(line);
            System.out.println("[apk] SKIPPED Robolectric's resources: aapt not found on PATH; the Activity tests will be skipped.");
            System.out.println("[apk] To run them: apt-get install -y aapt");
            System.out.println(line);
            Files.deleteIfExists(out);
            return;
        }
        run(work, "aapt", "package", "-f", "-M", manifest.toString(), "-S", option("res"), "-I", option("android-jar"),
                "-F", out.toString());
        System.out.println("[apk] resources for Robolectric: " + out);
    }

    /** D8 over the app and its runtime libraries; any diagnostic at all fails the build. */
    private List<Path> dex() throws Exception {
        Path dexDir = Files.createDirectories(work.resolve("dex"));
        List<String> command = new ArrayList<>(Arrays.asList(java(), "-cp", option("d8"),
                "com.android.tools.r8.D8", "--release", "--min-api", option("min-sdk"),
                "--lib", option("android-jar"), "--lib", System.getProperty("java.home"),
                "--output", dexDir.toString()));
        int inputs = 0;
        for (String entry : program) {
            Path path = Paths.get(entry);
            inputs += Files.exists(path) ? 1 : 0;
            if (Files.isDirectory(path)) {
                command.add(jar(path, work.resolve(path.getFileName() + "-" + Math.abs(entry.hashCode()) + ".jar"))
                        .toString());
            } else if (Files.isRegularFile(path)) {
                command.add(entry);
            }
        }
        Result d8 = exec(work, command);
        if (d8.exit != 0) {
            throw new BuildFailure("D8 failed:\n" + d8.output);
        }
        if (!d8.output.isBlank()) {
            throw new BuildFailure("D8 reported diagnostics (missing classes or desugaring problems):\n" + d8.output);
        }
        List<Path> dexFiles = new ArrayList<>();
        try (Stream<Path> files = Files.list(dexDir)) {
            files.filter(p -> p.getFileName().toString().matches("classes\\d*\\.dex"))
                    .sorted(Comparator.comparing(Path::toString)).forEach(dexFiles::add);
        }
        if (dexFiles.isEmpty()) {
            throw new BuildFailure("D8 wrote no classes.dex");
        }
        System.out.println("[apk] D8 (min-api " + option("min-sdk") + ") dexed " + inputs
                + " inputs into " + dexFiles.size() + " dex file(s) without a single diagnostic");
        return dexFiles;
    }

    /** The platform class each kind of manifest component must descend from. */
    private static final Map<String, String> COMPONENT_ANCESTORS = Map.of(
            "application", "Landroid/app/Application;",
            "activity", "Landroid/app/Activity;",
            "service", "Landroid/app/job/JobService;",
            "provider", "Landroid/content/ContentProvider;");

    /**
     * The Application, every Activity, service and content provider the manifest names, as dex type descriptors,
     * each with the platform class it must descend from. A service must be a JobService that only the system
     * may bind (android:permission BIND_JOB_SERVICE): the app has no other kind. A provider must not be exported
     * (the app's only one lends paper cards by URI grant).
     */
    private static Map<String, String> entryPoints(Path manifest, String packageName) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(manifest.toFile());
        Map<String, String> entryPoints = new LinkedHashMap<>();
        for (Map.Entry<String, String> component : new TreeMap<>(COMPONENT_ANCESTORS).entrySet()) {
            NodeList nodes = document.getElementsByTagName(component.getKey());
            for (int i = 0; i < nodes.getLength(); i++) {
                Element element = (Element) nodes.item(i);
                String name = element.getAttributeNS(ANDROID_NS, "name");
                if (name.isEmpty()) {
                    continue;
                }
                if (component.getKey().equals("service")
                        && !element.getAttributeNS(ANDROID_NS, "permission").equals("android.permission.BIND_JOB_SERVICE")) {
                    throw new BuildFailure("service " + name + " must require android.permission.BIND_JOB_SERVICE");
                }
                if (component.getKey().equals("provider")
                        && !element.getAttributeNS(ANDROID_NS, "exported").equals("false")) {
                    throw new BuildFailure("provider " + name + " must say android:exported=\"false\"");
                }
                String full = name.startsWith(".") ? packageName + name : name;
                entryPoints.put("L" + full.replace('.', '/') + ";", component.getValue());
            }
        }
        if (!entryPoints.containsValue("Landroid/app/Application;") || !entryPoints.containsValue("Landroid/app/Activity;")) {
            throw new BuildFailure("the manifest names no Application or no Activity");
        }
        return entryPoints;
    }

    /**
     * Each entry point is defined in the dex. With dexdump (Debian), also that each descends from the
     * platform class its manifest tag requires; without it, the dex string table must hold the type.
     */
    private static void checkEntryPoints(List<Path> dexFiles, Map<String, String> entryPoints) throws Exception {
        if (onPath("dexdump") != null) {
            Map<String, String> superclasses = new HashMap<>();
            Pattern descriptor = Pattern.compile("Class descriptor\\s*:\\s*'([^']+)'");
            Pattern superclass = Pattern.compile("Superclass\\s*:\\s*'([^']+)'");
            for (Path dex : dexFiles) {
                Path listing = dex.resolveSibling(dex.getFileName() + ".dexdump.txt");
                Result dump = exec(dex.getParent(), Arrays.asList("dexdump", "-o", listing.toString(), dex.toString()));
                if (dump.exit != 0) {
                    throw new BuildFailure("dexdump failed on " + dex + ":\n" + dump.output);
                }
                String current = null;
                for (String line : Files.readAllLines(listing, StandardCharsets.ISO_8859_1)) {
                    Matcher d = descriptor.matcher(line);
                    Matcher s = superclass.matcher(line);
                    if (d.find()) {
                        current = d.group(1);
                    } else if (s.find() && current != null) {
                        superclasses.put(current, s.group(1));
                    }
                }
            }
            for (Map.Entry<String, String> entry : entryPoints.entrySet()) {
                String type = entry.getKey();
                if (!superclasses.containsKey(type)) {
                    throw new BuildFailure("the dex does not define " + type);
                }
                String ancestor = type;
                while (superclasses.containsKey(ancestor)) {
                    ancestor = superclasses.get(ancestor);
                }
                if (!ancestor.equals(entry.getValue())) {
                    throw new BuildFailure(type + " descends from " + ancestor + ", not " + entry.getValue());
                }
            }
            System.out.println("[apk] dexdump: " + entryPoints.size()
                    + " entry points defined, each descending from the platform class its manifest tag requires");
        } else {
            StringBuilder strings = new StringBuilder();
            for (Path dex : dexFiles) {
                strings.append(new String(Files.readAllBytes(dex), StandardCharsets.ISO_8859_1));
            }
            for (String type : entryPoints.keySet()) {
                if (strings.indexOf(type) < 0) {
                    throw new BuildFailure("the dex string table lacks " + type);
                }
            }
            System.out.println("[apk] dexdump not on PATH: checked the dex string table for " + entryPoints.size()
                    + " entry points instead");
        }
    }

    /** 2020-01-01T00:00Z: version codes count minutes from here. */
    private static final long VERSION_EPOCH_SECONDS = 1_577_836_800L;

    /**
     * The version code: given, or the minutes from 2020 to the commit being built (so builds of one commit on
     * any machine agree, and each later commit installs over the one before), or to now where there is no git
     * checkout. 2^31 minutes is four thousand years; Android's limit is 2,100,000,000.
     */
    private long versionCode() throws Exception {
        String given = options.getOrDefault("version-code", "");
        if (!given.isBlank()) {
            return Long.parseLong(given.trim());
        }
        long seconds;
        Result commit = onPath("git") == null ? new Result(1, "")
                : exec(Paths.get(option("source-dir")), Arrays.asList("git", "log", "-1", "--format=%ct"));
        if (commit.exit == 0 && commit.output.trim().matches("[0-9]+")) {
            seconds = Long.parseLong(commit.output.trim());
            System.out.println("[apk] version code from the commit's time");
        } else {
            seconds = System.currentTimeMillis() / 1000;
            System.out.println("[apk] no git commit to date the build: version code from the build's time");
        }
        return (seconds - VERSION_EPOCH_SECONDS) / 60;
    }

    /** Signs with the configured release key, or with a debug key kept under target/. */
    private String sign(Path aligned, Path out) throws Exception {
        String keystore = options.getOrDefault("release-keystore", "");
        String alias;
        String storePass;
        String keyPass;
        String what;
        if (!keystore.isBlank()) {
            if (!Files.isRegularFile(Paths.get(keystore))) {
                throw new BuildFailure("release keystore " + keystore + " does not exist");
            }
            alias = option("release-alias");
            storePass = option("release-storepass");
            keyPass = option("release-keypass");
            what = "release key '" + alias + "' from " + keystore;
        } else {
            // The debug key is committed (src/build/tongxing-debug.keystore), so every machine's debug build has
            // the same certificate and installs over the last one. Its password is public: never for release.
            keystore = option("debug-keystore");
            alias = "androiddebugkey";
            storePass = "pass:android";
            keyPass = "pass:android";
            what = "DEBUG key in " + keystore + " (committed to the repository; not for release)";
        }
        run(work, "apksigner", "sign", "--ks", keystore, "--ks-key-alias", alias, "--ks-pass", storePass,
                "--key-pass", keyPass, "--min-sdk-version", option("min-sdk"), "--v4-signing-enabled", "false",
                "--out", out.toString(), aligned.toString());
        return what;
    }

    /** Reads the signed APK back as a device would and compares it with what was asked for. */
    private void check(Path apk) throws Exception {
        String verify = run(work, "apksigner", "verify", "--verbose", "--min-sdk-version", option("min-sdk"),
                apk.toString());
        if (!verify.contains("Verified using v2 scheme (APK Signature Scheme v2): true")) {
            throw new BuildFailure("apksigner verify did not confirm a v2 signature:\n" + verify);
        }
        run(work, "zipalign", "-c", "4", apk.toString());

        String badging = run(work, "aapt", "dump", "badging", apk.toString());
        expect(badging, "package: name='" + option("package") + "'");
        expect(badging, "sdkVersion:'" + option("min-sdk") + "'");
        expect(badging, "targetSdkVersion:'" + option("target-sdk") + "'");
        expect(badging, "launchable-activity: name='");
        Matcher locales = Pattern.compile("(?m)^locales:(.*)$").matcher(badging);
        if (!locales.find() || !locales.group(1).contains("'zh-CN'")) {
            throw new BuildFailure("the APK has no zh-CN resources:\n" + badging);
        }
        Set<String> permissions = new TreeSet<>();
        Matcher permission = Pattern.compile("(?m)^uses-permission: name='([^']+)'").matcher(badging);
        while (permission.find()) {
            permissions.add(permission.group(1));
        }
        Set<String> expected = new TreeSet<>(Arrays.asList(option("permissions").split(",")));
        if (!permissions.equals(expected)) {
            throw new BuildFailure("the APK asks for permissions " + permissions + ", expected exactly " + expected);
        }
        try (ZipFile zip = new ZipFile(apk.toFile())) {
            ZipEntry arsc = zip.getEntry("resources.arsc");
            if (arsc == null || arsc.getMethod() != ZipEntry.STORED) {
                throw new BuildFailure("resources.arsc is missing or compressed (Android 11+ refuses to install that)");
            }
            if (zip.getEntry("classes.dex") == null) {
                throw new BuildFailure("the APK has no classes.dex");
            }
        }
        System.out.println("[apk] apksigner verify: v2 signature good; aapt badging: " + option("package") + ", sdk "
                + option("min-sdk") + ", target " + option("target-sdk") + ", permissions " + permissions
                + ", locales include zh-CN");
    }

    private static void expect(String badging, String line) {
        if (!badging.contains(line)) {
            throw new BuildFailure("aapt dump badging lacks " + line + ":\n" + badging);
        }
    }

    private String option(String name) {
        String value = options.get(name);
        if (value == null || value.isEmpty()) {
            throw new BuildFailure("option --" + name + " is required");
        }
        return value;
    }

    private static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class")).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static String onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Paths.get(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static String run(Path dir, String... command) throws Exception {
        Result result = exec(dir, Arrays.asList(command));
        if (result.exit != 0) {
            throw new BuildFailure(String.join(" ", redact(command)) + " exited " + result.exit + ":\n" + result.output);
        }
        return result.output;
    }

    /** Passwords never reach the build log. */
    private static List<String> redact(String[] command) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < command.length; i++) {
            boolean secret = i > 0 && command[i - 1].matches("--ks-pass|--key-pass|-storepass|-keypass");
            shown.add(secret ? "***" : command[i]);
        }
        return shown;
    }

    private static Result exec(Path dir, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }

    private record Result(int exit, String output) {
    }

    private static final class BuildFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BuildFailure(String message) {
            super(message);
        }
    }
}
