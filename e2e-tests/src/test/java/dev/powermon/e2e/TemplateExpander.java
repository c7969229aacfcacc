package dev.powermon.e2e;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Substitutes Grafana template variables in a query the way Grafana does before sending it: {@code
 * $name}, {@code ${name}}, {@code ${name:fmt}} and {@code [[name]]}, plus the built-in intervals.
 * Unknown names (such as label_replace's {@code $1}) are left as they are.
 */
final class TemplateExpander {
  /**
   * Scrape interval 1 s, so Grafana would pick 4 x 1 s; 15 s is the production value and safe here.
   */
  static final String RATE_INTERVAL = "15s";

  /** Longer than the test runs, so range functions see every sample. */
  static final String RANGE = "1h";

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\[\\[(\\w+)]]|\\$(\\w+)");

  private final Map<String, String> values = new HashMap<>();

  TemplateExpander() {
    values.put("__rate_interval", RATE_INTERVAL);
    values.put("__interval", RATE_INTERVAL);
    values.put("__range", RANGE);
    values.put("__range_s", "3600");
    values.put("__range_ms", "3600000");
  }

  /**
   * Sets a multi-value variable to all its real values, as Grafana sends "All" when no custom all
   * value is used: each value regex-escaped, joined into one alternation.
   */
  void setAll(String name, List<String> realValues) {
    values.put(
        name,
        "("
            + realValues.stream()
                .map(TemplateExpander::regexEscape)
                .collect(Collectors.joining("|"))
            + ")");
  }

  String expand(String query) {
    Matcher m = VARIABLE.matcher(query);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      String value = values.get(name);
      m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Regex metacharacters escaped, then backslashes doubled for the PromQL string literal. */
  static String regexEscape(String value) {
    String regex = value.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0");
    return regex.replace("\\", "\\\\");
  }
}
