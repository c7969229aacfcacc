package dev.powermon.exporter.push;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-side reader of one line-protocol line with one field, as InfluxDB 2 reads it (escapes
 * undone).
 */
public final class LineParser {
  /** One parsed line. */
  public record Line(String measurement, Map<String, String> tags, double watts, long timestamp) {}

  private LineParser() {}

  public static Line parse(String line) {
    List<String> parts = split(line, ' ');
    if (parts.size() != 3) {
      throw new IllegalArgumentException("expected measurement+tags, field and timestamp: " + line);
    }
    List<String> head = split(parts.get(0), ',');
    Map<String, String> tags = new LinkedHashMap<>();
    for (String tag : head.subList(1, head.size())) {
      List<String> kv = split(tag, '=');
      tags.put(unescape(kv.get(0)), unescape(kv.get(1)));
    }
    List<String> field = split(parts.get(1), '=');
    if (!field.get(0).equals("watts")) {
      throw new IllegalArgumentException("expected the watts field: " + line);
    }
    return new Line(
        unescape(head.get(0)),
        tags,
        Double.parseDouble(field.get(1)),
        Long.parseLong(parts.get(2)));
  }

  /**
   * Splits on {@code separator} where it is not escaped; escapes are kept for {@link #unescape}.
   */
  private static List<String> split(String text, char separator) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        current.append(c).append(text.charAt(++i));
      } else if (c == separator) {
        out.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    out.add(current.toString());
    return out;
  }

  private static String unescape(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(c == '\\' && i + 1 < text.length() ? text.charAt(++i) : c);
    }
    return out.toString();
  }
}
