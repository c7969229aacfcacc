package dev.powermon.exporter.web;

import dev.powermon.exporter.meta.BuildInfo;
import dev.powermon.exporter.runtime.CollectorRunner;
import dev.powermon.exporter.runtime.Orchestrator;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import java.util.Locale;

/** The HTML page at {@code /}: version, each collector's state and last error, current power, links. */
final class LandingPage {
  private final BuildInfo build;
  private final Orchestrator orchestrator;
  private final String telemetryPath;

  LandingPage(BuildInfo build, Orchestrator orchestrator, String telemetryPath) {
    this.build = build;
    this.orchestrator = orchestrator;
    this.telemetryPath = telemetryPath;
  }

  String render() {
    StringBuilder html = new StringBuilder(4096);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>powermon</title>")
        .append("<style>body{font-family:sans-serif;margin:0}header{background:#e6522c;color:#fff;padding:.6em 1em}")
        .append("main{padding:0 1em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;")
        .append("text-align:left}.ok{color:#1a7f37}.failing{color:#b42318}</style></head><body>\n")
        .append("<header><h1>powermon</h1><p>Prometheus power exporter, version ")
        .append(escape(build.version())).append(" (revision ").append(escape(build.revision())).append(")</p></header>\n<main>\n")
        .append("<p><a href=\"").append(escape(telemetryPath)).append("\">Metrics</a> · <a href=\"/-/healthy\">Health</a>")
        .append(" · <a href=\"/-/ready\">Readiness</a></p>\n");
    collectors(html);
    power(html);
    return html.append("</main></body></html>\n").toString();
  }

  private void collectors(StringBuilder html) {
    html.append("<h2>Collectors</h2>\n");
    if (orchestrator.runners().isEmpty()) {
      html.append("<p>No collector is enabled. Run <code>powermon collectors</code> to see which can run here.</p>\n");
      return;
    }
    html.append("<table><tr><th>Collector</th><th>State</th><th>Last success</th><th>Last error</th></tr>\n");
    for (CollectorRunner r : orchestrator.runners()) {
      String error = r.lastError();
      html.append("<tr><td>").append(escape(r.name())).append("</td><td class=\"")
          .append(error == null ? "ok\">ok" : "failing\">failing").append("</td><td>")
          .append(r.lastSuccess() == null ? "never" : r.lastSuccess().toString()).append("</td><td>")
          .append(error == null ? "" : escape(error)).append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private void power(StringBuilder html) {
    html.append("<h2>Power now</h2>\n");
    GaugeSnapshot power = orchestrator.lastPower();
    if (power == null || power.getDataPoints().isEmpty()) {
      html.append("<p>No power reading yet.</p>\n");
      return;
    }
    html.append("<table><tr><th>Source</th><th>Device</th><th>Domain</th><th>Watts</th></tr>\n");
    for (GaugeDataPointSnapshot p : power.getDataPoints()) {
      html.append("<tr><td>").append(escape(p.getLabels().get("source"))).append("</td><td>")
          .append(escape(p.getLabels().get("device"))).append("</td><td>")
          .append(escape(p.getLabels().get("domain"))).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.2f", p.getValue())).append("</td></tr>\n");
    }
    html.append("</table>\n");
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
