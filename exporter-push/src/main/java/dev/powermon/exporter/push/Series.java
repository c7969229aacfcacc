package dev.powermon.exporter.push;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One time series as a push receiver identifies it: the exposed metric name ({@code _total} and
 * {@code _info} included) and every label, {@code instance} and {@code job} among them.
 */
public record Series(String name, Labels labels) {

  /** A label name and value. */
  public record Pair(String name, String value) {}

  /**
   * Every label including {@code __name__}, sorted by name as remote-write requires (byte order,
   * which for the ASCII of legal label names is {@link String#compareTo}). Empty values are left
   * out: remote-write forbids them, and to Prometheus an empty label is no label.
   */
  public List<Pair> sortedWithName() {
    List<Pair> out = new ArrayList<>(labels.size() + 1);
    out.add(new Pair("__name__", name));
    for (int i = 0; i < labels.size(); i++) {
      if (!labels.getValue(i).isEmpty()) {
        out.add(new Pair(labels.getPrometheusName(i), labels.getValue(i)));
      }
    }
    out.sort(Comparator.comparing(Pair::name));
    return out;
  }
}
