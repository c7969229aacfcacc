package dev.powermon.exporter.push;

import dev.powermon.api.PowerFamilies;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * InfluxDB line protocol in the homelab seed's shape, so Telegraf-era dashboards keep working:
 * {@code power,domain=total,host=box,source=rapl watts=12.5 1700000000000} (milliseconds). Only the
 * power gauge is written; every label becomes a tag ({@code instance} as {@code host}, {@code job}
 * left out).
 */
final class LineProtocol {
  static final String MEASUREMENT = "power";

  private LineProtocol() {}

  /** Whether a series goes to InfluxDB: the unified power gauge only. */
  static boolean accepts(Series series) {
    return series.name().equals(PowerFamilies.POWER);
  }

  static byte[] encode(List<Sample> samples) {
    StringBuilder out = new StringBuilder(samples.size() * 96);
    for (Sample s : samples) {
      if (Double.isFinite(s.value())) { // line protocol has no NaN or infinity
        line(out, s);
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void line(StringBuilder out, Sample s) {
    out.append(MEASUREMENT);
    Map<String, String> tags = new TreeMap<>(); // sorted keys: what InfluxDB stores fastest
    for (int i = 0; i < s.series().labels().size(); i++) {
      String name = s.series().labels().getPrometheusName(i);
      if (!name.equals("job")) {
        tags.put(name.equals("instance") ? "host" : name, s.series().labels().getValue(i));
      }
    }
    tags.forEach(
        (k, v) -> {
          if (!v.isEmpty()) { // an empty tag value is a syntax error; leaving the tag out means the
            // same
            out.append(',').append(escape(k)).append('=').append(escape(v));
          }
        });
    out.append(" watts=").append(s.value()).append(' ').append(s.timestampMillis()).append('\n');
  }

  /**
   * Tag keys and values: comma, equals sign, space and backslash take a backslash (InfluxDB 2 reads
   * two backslashes as one). Line breaks cannot be escaped; they become spaces.
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 4);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i) == '\n' || text.charAt(i) == '\r' ? ' ' : text.charAt(i);
      if (c == ',' || c == '=' || c == ' ' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
