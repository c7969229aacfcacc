package dev.powermon.exporter.push;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes samples as a remote-write 1.0 {@code WriteRequest}: {@code TimeSeries timeseries = 1} of
 * {@code Label labels = 1} ({@code name = 1}, {@code value = 2}) and {@code Sample samples = 2}
 * ({@code double value = 1}, {@code int64 timestamp = 2}, milliseconds).
 */
final class WriteRequestEncoder {
  private WriteRequestEncoder() {}

  /** One TimeSeries per series, its samples in timestamp order as the receiver requires. */
  static byte[] encode(List<Sample> samples) {
    Map<Series, List<Sample>> bySeries = new LinkedHashMap<>();
    for (Sample s : samples) {
      bySeries.computeIfAbsent(s.series(), k -> new ArrayList<>()).add(s);
    }
    ProtoWriter request = new ProtoWriter();
    ProtoWriter series = new ProtoWriter();
    ProtoWriter part = new ProtoWriter();
    for (Map.Entry<Series, List<Sample>> entry : bySeries.entrySet()) {
      series.clear();
      for (Series.Pair label : entry.getKey().sortedWithName()) {
        part.clear();
        part.string(1, label.name());
        part.string(2, label.value());
        series.message(1, part);
      }
      List<Sample> points = entry.getValue();
      points.sort(
          Comparator.comparingLong(
              Sample::timestampMillis)); // stable: equal times keep their order
      for (Sample s : points) {
        part.clear();
        part.doubleValue(1, s.value());
        part.int64(2, s.timestampMillis());
        series.message(2, part);
      }
      request.message(1, series);
    }
    return request.toByteArray();
  }
}
