package io.tongxing.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.model.Icon;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.app.text.Text;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The app finds its strings by name (there is no R class without aapt), so the names are checked here:
 * every {@link Text} exists in English and Chinese with the same format arguments, nothing else does,
 * and every {@link Icon} has its drawable.
 */
class StringResourcesTest {
    private static final Pattern FORMAT = Pattern.compile("%(\\d+\\$)?[sd]");

    @Test
    void everyTextHasBothLanguagesWithTheSameArguments() {
        Map<String, String> english = XmlLocalizer.read("values");
        Map<String, String> chinese = XmlLocalizer.read("values-zh-rCN");
        List<String> names = new ArrayList<>();
        for (Text text : Text.values()) {
            names.add(text.resourceName());
            String en = english.get(text.resourceName());
            String zh = chinese.get(text.resourceName());
            assertTrue(en != null && !en.isEmpty(), "no English for " + text);
            assertTrue(zh != null && !zh.isEmpty(), "no Chinese for " + text);
            assertEquals(arguments(en), arguments(zh), "format arguments differ for " + text);
            assertTrue(!zh.equals(en) || zh.matches("[A-Z0-9 .%$sd]*"), "untranslated: " + text + " = " + zh);
        }
        assertEquals(new TreeSet<>(names), new TreeSet<>(english.keySet()), "strings.xml names no Text has");
        assertEquals(new TreeSet<>(names), new TreeSet<>(chinese.keySet()), "zh strings.xml names no Text has");
    }

    @Test
    void everyIconHasItsDrawable() {
        for (Icon icon : Icon.values()) {
            assertTrue(Files.isRegularFile(Paths.get("src/main/res/drawable/" + icon.resourceName() + ".xml")),
                    "no drawable for " + icon);
        }
    }

    @Test
    void bothLanguagesNameTheApp() {
        assertEquals("Tongxing", XmlLocalizer.inEnglish().text(Text.APP_NAME));
        assertEquals("通行", XmlLocalizer.inChinese().text(Text.APP_NAME));
    }

    private static List<String> arguments(String format) {
        List<String> arguments = new ArrayList<>();
        Matcher matcher = FORMAT.matcher(format);
        while (matcher.find()) {
            arguments.add(matcher.group());
        }
        arguments.sort(null);
        return arguments;
    }
}
