package dev.powermon.exporter.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.powermon.exporter.meta.BuildInfo;
import dev.powermon.exporter.runtime.Orchestrator;
import java.util.List;
import java.util.Locale;

/**
 * The HTML page at {@code /}: one small page, no external assets. The first render is here, so it
 * works with JavaScript off; with it on, the inline script fetches {@code /api/v1/status} every few
 * seconds and redraws the same markup ({@code page.js}, a transcription of {@link #main}) without a
 * full reload.
 */
final class LandingPage {
  /** How often the script refreshes, in milliseconds. */
  static final int REFRESH_MILLIS = 3000;

  private static final String STYLE =
      "body{font-family:sans-serif;margin:0;color:#222}"
          + "header{background:#e6522c;color:#fff;padding:.5em 1em}header h1{margin:0;font-size:1.4em}"
          + "header p{margin:.2em 0}#total{font-size:1.3em;font-weight:bold}tr.total td{font-weight:bold}main{padding:0 1em 1em}"
          + "table{border-collapse:collapse;margin:.3em 0 1em}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}"
          + "td.num{text-align:right;font-variant-numeric:tabular-nums}.ok{color:#1a7f37}"
          + ".failing,tr.failing td{color:#b42318}tr.failing{background:#fdecea}tr.sub td.domain{padding-left:2em}"
          + "svg{vertical-align:middle}polyline{fill:none;stroke:#e6522c;stroke-width:1.5}";

  /** Built on the first {@code /api/v1/status}: Jackson's ~400 classes are not loaded before. */
  private static final class Json {
    static final ObjectMapper MAPPER =
        new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
  }

  private final StatusReader status;
  private final String telemetryPath;

  LandingPage(BuildInfo build, Orchestrator orchestrator, String telemetryPath) {
    this.status = new StatusReader(build, orchestrator);
    this.telemetryPath = telemetryPath;
  }

  /** The page, drawn from the current status. */
  String render() {
    return render(status.read());
  }

  /** {@code /api/v1/status}: the same status as JSON (snake_case keys). */
  String statusJson() {
    try {
      return Json.MAPPER.writeValueAsString(status.read()) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "the status does not serialize", e); // a bug: records of plain values
    }
  }

  String render(Status status) {
    StringBuilder html = new StringBuilder(8192);
    html.append(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>powermon</title>")
        .append("<style>")
        .append(STYLE)
        .append("</style></head><body>\n<div id=\"live\">")
        .append(main(status, telemetryPath))
        .append("</div>\n<script>const REFRESH=")
        .append(REFRESH_MILLIS)
        .append(",TELEMETRY=\"")
        .append(escape(telemetryPath))
        .append("\";\n")
        .append(PageScript.TEXT)
        .append("</script></body></html>\n");
    return html.toString();
  }

  /** Everything that refreshes. */
  static String main(Status s, String telemetryPath) {
    StringBuilder h = new StringBuilder(4096);
    h.append("<header><h1>powermon</h1><p>version ")
        .append(escape(s.version()))
        .append(" (revision ")
        .append(escape(s.revision()))
        .append("), up <span id=\"uptime\">")
        .append(duration(s.uptimeSeconds()))
        .append("</span></p><p class=\"total\" id=\"total\">");
    if (s.total() == null) {
      h.append("No power reading yet");
    } else {
      h.append(watts(s.total().watts()))
          .append(" W ")
          .append(escape(s.total().kind()))
          .append(", ")
          .append(escape(s.total().basis()));
    }
    h.append("</p></header>\n<main>\n<p><a href=\"")
        .append(escape(telemetryPath))
        .append(
            "\">Metrics</a> · <a href=\"/api/v1/status\">Status (JSON)</a> · <a href=\"/-/healthy\">Health</a>")
        .append(" · <a href=\"/-/ready\">Readiness</a></p>\n<h2>Collectors</h2>\n");
    if (s.collectors().isEmpty()) {
      h.append(
          "<p>No collector is enabled. Run <code>powermon collectors</code> to see which can run here.</p>\n");
    }
    for (Status.CollectorState c : s.collectors()) {
      h.append("<table class=\"collector\" id=\"collector-")
          .append(escape(c.name()))
          .append("\"><tr><th colspan=\"2\">")
          .append(escape(c.name()))
          .append("</th></tr>\n<tr><td>state</td>")
          .append(state(c))
          .append("</tr>\n<tr><td>last success</td><td>")
          .append(c.secondsSinceSuccess() == null ? "never" : ago(c.secondsSinceSuccess()))
          .append("</td></tr>\n");
      if (c.error() != null) {
        h.append("<tr class=\"failing\"><td>last error</td><td>")
            .append(escape(c.error()))
            .append("</td></tr>\n");
      }
      if (!c.devices().isEmpty()) {
        h.append(
                "<tr><td colspan=\"2\"><table class=\"devices\"><tr><th>Alias</th><th>Model</th><th>Address</th>")
            .append("<th>State</th><th>Watts</th></tr>\n");
        for (Status.Device d : c.devices()) {
          h.append("<tr class=\"device ")
              .append(d.ok() ? "ok" : "failing")
              .append("\" data-id=\"")
              .append(escape(d.id()))
              .append("\"><td>")
              .append(escape(d.alias()))
              .append("</td><td>")
              .append(escape(d.model()))
              .append("</td><td>")
              .append(escape(d.address()))
              .append("</td><td>")
              .append(d.ok() ? "ok" : "failing: " + escape(d.error()))
              .append("</td><td class=\"num\">")
              .append(d.watts() == null ? "" : watts(d.watts()))
              .append("</td></tr>\n");
        }
        h.append("</table></td></tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("<h2>Power now</h2>\n");
    if (s.power().isEmpty()) {
      h.append("<p>No power reading yet.</p>\n");
    } else {
      h.append(
              "<table id=\"power\"><tr><th>Source</th><th>Device</th><th>Domain</th><th>Watts</th>")
          .append("<th>Last minute</th></tr>\n");
      for (Status.PowerRow p : s.power()) {
        h.append("<tr class=\"")
            .append(p.sub() ? "sub" : "total")
            .append("\"><td>")
            .append(escape(p.source()))
            .append("</td><td>")
            .append(escape(p.device()))
            .append("</td><td class=\"domain\">")
            .append(escape(p.domain()))
            .append("</td><td class=\"num watts\">")
            .append(watts(p.watts()))
            .append("</td><td>")
            .append(p.sub() ? "" : sparkline(p.trace()))
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    return h.append("</main>").toString();
  }

  /** The state cell: a collector that succeeds with failing devices is not plain "ok". */
  static String state(Status.CollectorState c) {
    long failing = c.devices().stream().filter(d -> !d.ok()).count();
    if (!c.ok()) {
      return "<td class=\"failing\">failing</td>";
    }
    return failing == 0
        ? "<td class=\"ok\">ok</td>"
        : "<td class=\"failing\">ok, "
            + failing
            + " of "
            + c.devices().size()
            + " devices failing</td>";
  }

  /**
   * A 120×24 inline SVG polyline of the trace, scaled to its own range; empty for fewer than two
   * points.
   */
  static String sparkline(List<Double> trace) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int points = 0;
    for (Double v : trace) {
      if (v != null) {
        min = Math.min(min, v);
        max = Math.max(max, v);
        points++;
      }
    }
    if (points < 2) {
      return "";
    }
    double range = max > min ? max - min : 1;
    StringBuilder pts = new StringBuilder();
    for (int i = 0; i < trace.size(); i++) {
      Double v = trace.get(i);
      if (v != null) {
        pts.append(
            String.format(
                Locale.ROOT,
                "%.1f,%.1f ",
                i * 120.0 / (trace.size() - 1),
                22 - (v - min) / range * 20));
      }
    }
    return "<svg width=\"120\" height=\"24\" viewBox=\"0 0 120 24\"><polyline points=\""
        + pts.toString().trim()
        + "\"/></svg>";
  }

  static String watts(double w) {
    return String.format(Locale.ROOT, "%.2f", w);
  }

  static String ago(long seconds) {
    return duration(seconds) + " ago";
  }

  static String duration(long seconds) {
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 7200) {
      return seconds / 60 + " min";
    }
    if (seconds < 172800) {
      return seconds / 3600 + " h";
    }
    return seconds / 86400 + " d";
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
