package io.tongxing.server.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every text {@code verify} says exists in both languages, and every pattern formats. */
class CliTextTest {

  @Test
  void chineseAndEnglishHaveTheSameTexts() throws IOException {
    // Read the files themselves: a bundle would quietly fill a missing English text from the Chinese one.
    assertEquals(ownKeys("i18n/verify.properties"), ownKeys("i18n/verify_en.properties"));
  }

  private static Set<String> ownKeys(String resource) throws IOException {
    Properties properties = new Properties();
    try (Reader in = new InputStreamReader(CliTextTest.class.getClassLoader().getResourceAsStream(resource),
      StandardCharsets.UTF_8)) {
      properties.load(in);
    }
    return new TreeSet<>(properties.stringPropertyNames());
  }

  @Test
  void everyTextFormatsWithoutLeftoverPlaceholdersOrQuotes() {
    for (Locale locale : new Locale[] {CliText.CHINESE, CliText.ENGLISH}) {
      CliText text = new CliText(locale);
      for (String key : keys(locale)) {
        String formatted = text.get(key, "A", "B", "C");
        assertFalse(formatted.contains("{") || formatted.contains("''"), locale + " " + key + ": " + formatted);
      }
    }
  }

  private static Set<String> keys(Locale locale) {
    ResourceBundle bundle = ResourceBundle.getBundle("i18n.verify", locale,
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    return new TreeSet<>(bundle.keySet());
  }
}
