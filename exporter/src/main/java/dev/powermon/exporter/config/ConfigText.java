package dev.powermon.exporter.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The config file's lines, read within bounds before any YAML parser sees them: SnakeYAML buffers a
 * whole scalar, so one 8 MiB line filled a 64 MiB heap and a 1 MiB line took seconds to reload. The
 * file is refused at {@code file:line} as soon as it is too large or a line too long.
 */
public final class ConfigText {
  /**
   * A config with every collector configured and a metric table of a thousand families is ~60 KiB.
   */
  public static final long MAX_FILE_BYTES = 1 << 20;

  /** Longer than any path, family name or comment a config holds. */
  public static final int MAX_LINE_CHARS = 4096;

  private ConfigText() {}

  /**
   * @throws ConfigException naming the file (and line) and the limit, or why it cannot be read
   */
  public static List<String> lines(Path file) throws ConfigException {
    String name = file.toString();
    List<String> lines = new ArrayList<>();
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new ConfigException(
            name
                + ": larger than "
                + MAX_FILE_BYTES / 1024
                + " KiB; a powermon config is a few KiB; check that --config.file names the right file");
      }
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        char[] buffer = new char[MAX_LINE_CHARS + 1];
        StringBuilder line = new StringBuilder();
        int n;
        while ((n = reader.read(buffer)) != -1) {
          for (int i = 0; i < n; i++) {
            char c = buffer[i];
            if (c == '\n') {
              lines.add(stripCr(line));
              line.setLength(0);
            } else if (line.length() >= MAX_LINE_CHARS) {
              throw new ConfigException(
                  name
                      + ":"
                      + (lines.size() + 1)
                      + ":1: line longer than "
                      + MAX_LINE_CHARS
                      + " characters; no setting needs one that long");
            } else {
              line.append(c);
            }
          }
        }
        if (line.length() > 0) {
          lines.add(stripCr(line));
        }
      }
    } catch (NoSuchFileException e) {
      throw new ConfigException(name + ": no such file (check --config.file)");
    } catch (CharacterCodingException e) {
      throw new ConfigException(name + ": not UTF-8 text");
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot read: " + e.getMessage(), e);
    }
    return lines;
  }

  private static String stripCr(StringBuilder line) {
    int end = line.length();
    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
  }
}
