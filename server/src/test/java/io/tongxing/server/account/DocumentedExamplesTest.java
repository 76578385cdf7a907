package io.tongxing.server.account;

import io.tongxing.identity.ResidentIdNumbers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An example that fails its own check teaches a reader the wrong thing: whoever copies
 * {@code 110105199001011234} from a page into a form gets "check digit wrong". Every 18-character
 * number in the docs and in the console's texts and examples must be a valid resident ID number
 * (GB 11643) or unified social credit code (GB 32100).
 */
class DocumentedExamplesTest {

  /** 18 characters of the credit-code alphabet (which holds every ID number), not inside a longer word. */
  private static final Pattern EIGHTEEN = Pattern.compile("(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXYx]{18}(?![0-9A-Za-z])");
  /** What is scanned: the project's docs and README, and everything the console serves. */
  private static final List<Path> SOURCES = List.of(Path.of("../docs"), Path.of("../README.md"),
    Path.of("src/main/resources/webroot/console"));
  private static final Pattern TEXT_FILE = Pattern.compile(".*\\.(md|yaml|json|js|html|css|txt)");
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

  @Test
  void everyIdNumberAndCreditCodeInTheDocsAndTheConsolePassesItsCheck() {
    List<String> found = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    for (Path file : textFiles()) {
      Matcher matcher = EIGHTEEN.matcher(read(file));
      while (matcher.find()) {
        String example = matcher.group();
        if (!example.matches(".*[0-9].*[0-9].*[0-9].*[0-9].*[0-9].*[0-9].*")) {
          continue; // a word in capitals, not a number
        }
        found.add(example);
        boolean idNumber = ResidentIdNumbers.problem(example, TODAY).isEmpty();
        boolean creditCode = CreditCodes.problem(example).isEmpty();
        if (!idNumber && !creditCode) {
          wrong.add(file + ": " + example + " (an ID number would end in "
            + ResidentIdNumbers.checkCharacter(digitsOrZero(example)) + ", a credit code in "
            + CreditCodes.checkCharacter(example.substring(0, 17).toUpperCase()) + ")");
        }
      }
    }
    assertTrue(found.size() >= 8, "the scan must see the examples it is there for, saw " + found);
    assertEquals(List.of(), wrong);
  }

  @Test
  void theScanFindsABadExampleWhereOneIs() {
    Matcher matcher = EIGHTEEN.matcher("{\"idNumber\": \"110105199001011234\"}, code 91110108MA01ABCD2X.");
    List<String> seen = new ArrayList<>();
    while (matcher.find()) {
      seen.add(matcher.group());
    }
    assertEquals(List.of("110105199001011234", "91110108MA01ABCD2X"), seen);
    assertTrue(ResidentIdNumbers.problem(seen.get(0), TODAY).isPresent());
    assertTrue(CreditCodes.problem(seen.get(1)).isPresent());
  }

  private static List<Path> textFiles() {
    List<Path> files = new ArrayList<>();
    for (Path source : SOURCES) {
      try (Stream<Path> walk = Files.walk(source)) {
        walk.filter(Files::isRegularFile).filter(p -> TEXT_FILE.matcher(p.getFileName().toString()).matches())
          .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String digitsOrZero(String example) {
    return example.substring(0, 17).replaceAll("[^0-9]", "0");
  }
}
