package io.tongxing.app.testing;

import io.tongxing.app.model.resident.CountyDirectory;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.token.RegionCode;
import io.tongxing.verify.Reason;
import java.io.File;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The app's own string resources, read from {@code src/main/res} as Android would read them, so model
 * tests assert the very words a person sees, in English or Chinese. Times in Beijing time.
 */
public final class XmlLocalizer implements Localizer {
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.ofHours(8));
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.ofHours(8));

    private static CountyDirectory regions;
    private final Map<String, String> strings;
    private final boolean chinese;

    private XmlLocalizer(Map<String, String> strings, boolean chinese) {
        this.strings = strings;
        this.chinese = chinese;
    }

    public static XmlLocalizer inEnglish() {
        return new XmlLocalizer(read("values"), false);
    }

    public static XmlLocalizer inChinese() {
        return new XmlLocalizer(read("values-zh-rCN"), true);
    }

    /** The strings of {@code res/<folder>/strings.xml}, unescaped as aapt does. */
    public static Map<String, String> read(String folder) {
        try {
            File file = new File("src/main/res/" + folder + "/strings.xml");
            NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file)
                    .getElementsByTagName("string");
            Map<String, String> strings = new LinkedHashMap<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Element element = (Element) nodes.item(i);
                String value = element.getTextContent().replace("\\'", "'").replace("\\\"", "\"").replace("\\n", "\n");
                if (strings.put(element.getAttribute("name"), value) != null) {
                    throw new IllegalStateException(folder + " has " + element.getAttribute("name") + " twice");
                }
            }
            return strings;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + folder + "/strings.xml", e);
        }
    }

    @Override
    public String text(Text key, Object... args) {
        String format = strings.get(key.resourceName());
        if (format == null) {
            throw new IllegalStateException("no string " + key.resourceName());
        }
        return String.format(Locale.ROOT, format, args);
    }

    @Override
    public String reason(Reason reason) {
        return chinese ? reason.chinese() : reason.english();
    }

    @Override
    public String dateTime(Instant instant) {
        return DATE_TIME.format(instant);
    }

    @Override
    public String date(Instant instant) {
        return DATE.format(instant);
    }

    /** The GB/T 2260 names the app ships, read once. */
    public static CountyDirectory regions() {
        synchronized (XmlLocalizer.class) {
            if (regions == null) {
                try (java.io.InputStream in = new java.io.FileInputStream("src/main/res/raw/gbt2260.txt")) {
                    regions = CountyDirectory.read(in);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return regions;
        }
    }

    @Override
    public String region(RegionCode region) {
        return regions().name(region.value()).orElse(region.value());
    }

    @Override
    public boolean chinese() {
        return chinese;
    }
}
