package io.tongxing.server.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where each table lives on Citus: one line per table in {@code db/citus/layout.txt}. A table is
 * spread over the workers by a column (a resident's rows by account, a device's by device, a lookup
 * table by its own key), copied to every worker (reference), or kept on the coordinator.
 */
public final class CitusLayout {

  static final String RESOURCE = "/db/citus/layout.txt";

  /** How a table is placed. */
  public enum Kind {
    /** Spread by account, co-located with {@code accounts}. */
    ACCOUNT("accounts"),
    /** Spread by device, co-located with {@code scan_records}. */
    DEVICE("scan_records"),
    /** Spread by a key of its own, in a co-location group of its own. */
    LOOKUP(null),
    /** A copy on every worker. */
    REFERENCE(null),
    /** One copy on the coordinator (a Citus local table, so it joins two-phase commits). */
    COORDINATOR(null),
    /**
     * A plain table on the coordinator that Citus does not know: any SQL runs on it, but its commit is
     * not coordinated with the workers', so only for tables written in transactions of their own.
     */
    PLAIN(null);

    private final String anchor;

    Kind(String anchor) {
      this.anchor = anchor;
    }

    /** The table the others of this kind are co-located with; null for kinds that are not groups. */
    public String anchor() {
      return anchor;
    }

    public boolean spread() {
      return this == ACCOUNT || this == DEVICE || this == LOOKUP;
    }
  }

  /** One line: the table, its kind, the spreading column, and the unique constraints it may widen. */
  public record Placement(String table, Kind kind, String column, Set<String> widened) {
  }

  private final Map<String, Placement> placements;

  private CitusLayout(Map<String, Placement> placements) {
    this.placements = placements;
  }

  /** The layout shipped with the server. */
  public static CitusLayout load() {
    try (InputStream in = CitusLayout.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  public static CitusLayout parse(String text) {
    Map<String, Placement> placements = new LinkedHashMap<>();
    try (BufferedReader lines = new BufferedReader(new java.io.StringReader(text))) {
      String line;
      int number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        String content = line.strip();
        if (content.isEmpty() || content.startsWith("#")) {
          continue;
        }
        Placement placement = placement(content.split("\\s+"), number);
        if (placements.put(placement.table(), placement) != null) {
          throw new IllegalArgumentException(RESOURCE + " line " + number + ": " + placement.table() + " is placed twice");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CitusLayout(placements);
  }

  private static Placement placement(String[] words, int number) {
    if (words.length < 2) {
      throw new IllegalArgumentException(RESOURCE + " line " + number + ": a table and its placement expected");
    }
    Kind kind;
    try {
      kind = Kind.valueOf(words[1].toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(RESOURCE + " line " + number + ": unknown placement " + words[1]
        + " (account, device, lookup, reference, coordinator or plain)", e);
    }
    if (!kind.spread()) {
      if (words.length > 2) {
        throw new IllegalArgumentException(RESOURCE + " line " + number + ": a " + words[1] + " table takes nothing more");
      }
      return new Placement(words[0], kind, null, Set.of());
    }
    if (words.length < 3) {
      throw new IllegalArgumentException(RESOURCE + " line " + number + ": " + words[1] + " needs the column that spreads it");
    }
    Set<String> widened = new TreeSet<>(List.of(words).subList(3, words.length));
    return new Placement(words[0], kind, words[2], widened);
  }

  public Placement of(String table) {
    return placements.get(table);
  }

  public Collection<Placement> placements() {
    return placements.values();
  }

  /**
   * What is wrong between the layout and the tables of the schema: tables without a line, lines
   * without a table. Empty when they agree.
   */
  public List<String> problems(Collection<String> tables) {
    List<String> problems = new ArrayList<>();
    for (String table : new TreeSet<>(tables)) {
      if (!placements.containsKey(table)) {
        problems.add("table " + table + " has no line in " + RESOURCE + ": add one (account, device, lookup, reference, "
          + "coordinator or plain; docs/operations.md, Citus)");
      }
    }
    for (String table : placements.keySet()) {
      if (!tables.contains(table)) {
        problems.add(RESOURCE + " places " + table + ", which no migration creates");
      }
    }
    return problems;
  }
}
