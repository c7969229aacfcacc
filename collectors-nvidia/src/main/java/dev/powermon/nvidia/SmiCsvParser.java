package dev.powermon.nvidia;

import dev.powermon.api.ParseProblems;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code nvidia-smi --query-gpu=… --format=csv,noheader,nounits}: one line per GPU, the
 * fields in the query's order, separated by ", ". {@code [N/A]} and {@code [Not Supported]}
 * (nvidia_gpu_exporter #68) are answers, not errors: the field is absent. Anything else that is not
 * a number costs its field ({@code gpuN.field}, reported). A line with the wrong number of fields,
 * or no UUID, costs its GPU. Bounded: {@link #MAX_GPUS} lines of at most {@link #MAX_LINE_CHARS}
 * characters.
 */
final class SmiCsvParser {
  static final int MAX_GPUS = 64;
  static final int MAX_LINE_CHARS = 1024;

  private SmiCsvParser() {}

  static List<GpuReading> parse(String output, SmiQuery query, ParseProblems problems) {
    List<GpuReading> out = new ArrayList<>();
    String[] lines = output.split("\n", MAX_GPUS + 1);
    for (int n = 0; n < Math.min(lines.length, MAX_GPUS); n++) {
      String line = lines[n].strip();
      if (line.isEmpty()) {
        continue;
      }
      String key = "line" + n;
      if (line.length() > MAX_LINE_CHARS) {
        problems.problem(key, "longer than " + MAX_LINE_CHARS + " characters");
        continue;
      }
      List<String> values = fields(line, query.fields().size());
      if (values == null) {
        problems.problem(key, "expected " + query.fields().size() + " fields: '" + cut(line) + "'");
        continue;
      }
      problems.ok(key);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < values.size(); i++) {
        row.put(query.fields().get(i), values.get(i));
      }
      GpuReading gpu = gpu(row, problems, n);
      if (gpu != null) {
        out.add(gpu);
      }
    }
    return out;
  }

  /**
   * The line's fields; a GPU name holding ", " gets the surplus pieces back (the name is the only
   * free text). Null when there are too few.
   */
  private static List<String> fields(String line, int expected) {
    List<String> parts = new ArrayList<>(List.of(line.split(",", -1)));
    parts.replaceAll(String::strip);
    if (parts.size() < expected) {
      return null;
    }
    while (parts.size() > expected) {
      parts.set(2, parts.get(2) + ", " + parts.remove(3));
    }
    return parts;
  }

  private static GpuReading gpu(Map<String, String> row, ParseProblems problems, int line) {
    String uuid = row.get("uuid");
    if (!uuid.startsWith("GPU-") && !uuid.startsWith("MIG-")) {
      problems.problem("line" + line + ".uuid", "'" + cut(uuid) + "' is not a GPU UUID");
      return null;
    }
    double index = number(row, "index", line, problems);
    int i = Double.isNaN(index) ? line : (int) index;
    Values v = new Values(row, i, problems);
    double watts = v.get("power.draw.average");
    if (Double.isNaN(watts)) {
      watts = v.get("power.draw.instant");
    }
    if (Double.isNaN(watts)) {
      watts = v.get("power.draw");
    }
    return new GpuReading(
        i,
        uuid,
        row.get("name"),
        row.get("pci.bus_id"),
        watts,
        Double.NaN,
        v.get("power.limit"),
        v.get("temperature.gpu"),
        v.get("utilization.gpu") / 100,
        v.get("utilization.memory") / 100,
        v.get("clocks.sm") * 1e6,
        v.get("clocks.mem") * 1e6,
        List.of());
  }

  /** A row's numbers, each checked once and reported under {@code gpuN.field}. */
  private static final class Values {
    private final Map<String, String> row;
    private final int gpu;
    private final ParseProblems problems;

    Values(Map<String, String> row, int gpu, ParseProblems problems) {
      this.row = row;
      this.gpu = gpu;
      this.problems = problems;
    }

    double get(String field) {
      return row.containsKey(field) ? number(row, field, gpu, problems) : Double.NaN;
    }
  }

  /** The field as a number; NaN for [N/A] and [Not Supported], and (reported) for anything else. */
  private static double number(
      Map<String, String> row, String field, int gpu, ParseProblems problems) {
    String text = row.get(field);
    String key = "gpu" + gpu + "." + field;
    if (text.equals("[N/A]") || text.equals("N/A") || text.equals("[Not Supported]")) {
      problems.ok(key);
      return Double.NaN;
    }
    try {
      double v = Double.parseDouble(text);
      if (!Double.isFinite(v) || v < 0) {
        problems.problem(key, "'" + cut(text) + "' is not a reading");
        return Double.NaN;
      }
      problems.ok(key);
      return v;
    } catch (NumberFormatException e) {
      problems.problem(key, "'" + cut(text) + "' is not a number");
      return Double.NaN;
    }
  }

  private static String cut(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
