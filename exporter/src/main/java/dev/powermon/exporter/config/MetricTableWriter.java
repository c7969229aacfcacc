package dev.powermon.exporter.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the metric table back into the config file without disturbing the rest of it: only the lines of
 * the top-level {@code metrics:} block change (a value flipped in place, keeping its comment; new families
 * appended at the end of the block). The file is replaced atomically (temp file in the same directory,
 * then rename), so a crash never leaves half a config.
 */
public final class MetricTableWriter {
  private static final Pattern METRICS_KEY = Pattern.compile("^metrics:\\s*(#.*)?$");
  private static final Pattern ENTRY =
      Pattern.compile("^(\\s+)([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*:\\s*)(true|false)(\\s*(#.*)?)$");
  private static final String DEFAULT_INDENT = "  ";

  private MetricTableWriter() {}

  /**
   * Rewrites {@code file} so its metric table holds {@code table} (every entry; entries the file has but
   * {@code table} lacks are left as they are).
   *
   * @throws ConfigException when the file's {@code metrics:} is written in flow style ({@code {a: true}}),
   *     which cannot be edited line by line
   * @throws IOException when the file or its directory cannot be written
   */
  public static void write(Path file, Map<String, Boolean> table) throws IOException, ConfigException {
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    List<String> updated = update(file.toString(), lines, table);
    Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
    try {
      Files.write(temp, updated, StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The file's lines with the table applied; pure, for tests. */
  static List<String> update(String name, List<String> lines, Map<String, Boolean> table) throws ConfigException {
    Map<String, Boolean> pending = new LinkedHashMap<>(table);
    List<String> out = new ArrayList<>(lines.size() + pending.size() + 1);
    int start = findMetricsKey(name, lines);
    if (start < 0) {
      out.addAll(lines);
      if (!pending.isEmpty()) {
        out.add("metrics:");
        appendEntries(out, pending, DEFAULT_INDENT);
      }
      return out;
    }
    out.addAll(lines.subList(0, start + 1));
    int end = start + 1;
    int lastEntry = start; // index in out of the last entry line, where new entries go after
    String indent = DEFAULT_INDENT;
    for (; end < lines.size(); end++) {
      String line = lines.get(end);
      if (!line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#")) {
        break; // next top-level key
      }
      Matcher m = ENTRY.matcher(line);
      if (m.matches()) {
        indent = m.group(1);
        Boolean wanted = pending.remove(m.group(2));
        if (wanted != null) {
          line = m.group(1) + m.group(2) + m.group(3) + wanted + m.group(5);
        }
        out.add(line);
        lastEntry = out.size() - 1;
      } else {
        out.add(line);
      }
    }
    List<String> added = new ArrayList<>();
    appendEntries(added, pending, indent);
    out.addAll(lastEntry + 1, added);
    out.addAll(lines.subList(end, lines.size()));
    return out;
  }

  private static int findMetricsKey(String name, List<String> lines) throws ConfigException {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (METRICS_KEY.matcher(line).matches()) {
        return i;
      }
      if (line.startsWith("metrics:")) {
        throw new ConfigException(
            name + ":" + (i + 1) + ":1: metrics: is written on one line; write it as a block"
                + " (one 'family: true|false' per line) so powermon can update it");
      }
    }
    return -1;
  }

  private static void appendEntries(List<String> out, Map<String, Boolean> entries, String indent) {
    entries.forEach((family, enabled) -> out.add(indent + family + ": " + enabled));
  }
}
