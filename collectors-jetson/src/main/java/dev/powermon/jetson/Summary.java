package dev.powermon.jetson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** What {@code powermon probe} prints above its table: what was found, in words. */
final class Summary {
  private Summary() {}

  static List<String> lines(Readings r, String deviceType, Path tegrastats) {
    List<String> out = new ArrayList<>();
    out.add("board: " + deviceType);
    TreeSet<String> rails = new TreeSet<>(r.railWatts().keySet());
    String total =
        MetricNames.inputRail(rails)
            .map(rail -> "total = " + rail)
            .orElse("no input rail, so no total (the rails are parts of the module)");
    out.add(
        "power rails from "
            + r.railSource()
            + ": "
            + (rails.isEmpty() ? "none" : String.join(", ", rails))
            + "; "
            + total);
    out.add(
        r.tegrastats()
            .map(
                h ->
                    "tegrastats "
                        + tegrastats
                        + ": "
                        + (h.up() ? "printing" : "silent or not running")
                        + ", "
                        + h.lines()
                        + " lines, dropped "
                        + h.droppedLines()
                        + ", "
                        + h.unknownTokens()
                        + " unknown tokens, "
                        + h.restarts()
                        + " restarts")
            .orElse("tegrastats: not run (" + tegrastats + " is not executable)"));
    r.sample()
        .ifPresent(
            s -> {
              long online = s.cores().stream().filter(TegrastatsSample.CpuCore::online).count();
              out.add("CPU cores: " + s.cores().size() + " (" + online + " online)");
              out.add(
                  "temperature sensors: "
                      + String.join(", ", new TreeSet<>(s.temperatures().keySet()))
                      + (s.offlineSensors().isEmpty()
                          ? ""
                          : "; offline: " + String.join(", ", new TreeSet<>(s.offlineSensors()))));
              out.add("engines: " + String.join(", ", new TreeSet<>(s.engines().keySet())));
            });
    return out;
  }
}
