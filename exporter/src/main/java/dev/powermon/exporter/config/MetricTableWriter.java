package dev.powermon.exporter.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the metric table back into the config file without disturbing the rest of it: only the
 * lines of the top-level {@code metrics:} block change (a value flipped in place, keeping its
 * comment; new families appended at the end of the block). The file is replaced atomically (temp
 * file in the same directory, then rename), so a crash never leaves half a config; temp files a
 * kill left behind are removed at start.
 */
public final class MetricTableWriter {
  private static final Pattern METRICS_KEY = Pattern.compile("^metrics:\\s*(#.*)?$");
  private static final Pattern ENTRY =
      Pattern.compile("^(\\s+)([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*:\\s*)(true|false)(\\s*(#.*)?)$");
  private static final String DEFAULT_INDENT = "  ";
  private static final String TEMP_SUFFIX = ".tmp";

  private MetricTableWriter() {}

  /**
   * Rewrites {@code file} so its metric table holds {@code table} (every entry; entries the file
   * has but {@code table} lacks are left as they are). Nothing is written when the file already
   * says so. A symlink is followed: the file it points at is replaced, with its mode and owner, and
   * the link stays.
   *
   * @throws ConfigException when the file's {@code metrics:} is written in flow style ({@code {a:
   *     true}}), which cannot be edited line by line, or it is too large to be a config
   * @throws IOException when the file or its directory cannot be written, or its owner cannot be
   *     kept
   */
  public static void write(Path file, Map<String, Boolean> table)
      throws IOException, ConfigException {
    Path target = file.toRealPath();
    List<String> lines = ConfigText.lines(target);
    List<String> updated = update(file.toString(), lines, table);
    if (updated.equals(lines)) {
      return; // the file already holds the table: leave it (and its modification time) alone
    }
    Path temp = Files.createTempFile(target.getParent(), tempPrefix(target), TEMP_SUFFIX);
    try {
      Files.write(temp, updated, StandardCharsets.UTF_8);
      keepModeAndOwner(target, temp);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Deletes temp files a killed write left beside the file (the one this writer names), so they do
   * not pile up across crashes; at start, before any write.
   *
   * @return how many were deleted
   */
  public static int removeLeftovers(Path file) throws IOException {
    Path target = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath();
    // createTempFile's random part is digits; earlier versions named them
    // ".powermon.yml<digits>.tmp"
    Pattern ours =
        Pattern.compile(
            "\\."
                + Pattern.quote(target.getFileName().toString())
                + "(\\.powermon-)?\\d+"
                + Pattern.quote(TEMP_SUFFIX));
    int removed = 0;
    try (DirectoryStream<Path> leftovers =
        Files.newDirectoryStream(
            target.getParent(),
            p ->
                ours.matcher(p.getFileName().toString()).matches()
                    && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))) {
      for (Path p : leftovers) {
        Files.deleteIfExists(p);
        removed++;
      }
    }
    return removed;
  }

  private static String tempPrefix(Path target) {
    return "." + target.getFileName() + ".powermon-";
  }

  /**
   * The new file gets the old one's permissions and owner; a temp file would have 0600 and ours.
   */
  private static void keepModeAndOwner(Path from, Path to) throws IOException {
    PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
    if (source == null) {
      return; // not a POSIX file system (Windows): the directory's ACLs apply
    }
    PosixFileAttributes attributes = source.readAttributes();
    PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
    target.setPermissions(attributes.permissions());
    if (!attributes.owner().equals(target.readAttributes().owner())
        || !attributes.group().equals(target.readAttributes().group())) {
      try {
        target.setOwner(attributes.owner());
        target.setGroup(attributes.group());
      } catch (IOException e) {
        throw new IOException(
            "cannot keep its owner "
                + attributes.owner().getName()
                + ":"
                + attributes.group().getName()
                + " ("
                + e.getMessage()
                + "); it was left unchanged",
            e);
      }
    }
  }

  /** The file's lines with the table applied; pure, for tests. */
  static List<String> update(String name, List<String> lines, Map<String, Boolean> table)
      throws ConfigException {
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
            name
                + ":"
                + (i + 1)
                + ":1: metrics: is written on one line; write it as a block"
                + " (one 'family: true|false' per line) so powermon can update it");
      }
    }
    return -1;
  }

  private static void appendEntries(List<String> out, Map<String, Boolean> entries, String indent) {
    entries.forEach((family, enabled) -> out.add(indent + family + ": " + enabled));
  }
}
