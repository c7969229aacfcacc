package dev.powermon.windows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the test fixtures written in Get-Counter's {@code \\host\energy meter(instance)\counter :
 * value} shape. Numbers are read without the JVM's locale: a German Windows prints {@code 1872,08}
 * for 1872.08, and no thousands separators.
 */
final class GetCounterDump {
  private static final Pattern TIMESTAMP = Pattern.compile("# pdh timestamp \\(100 ns\\): (\\d+)");
  private static final Pattern LINE =
      Pattern.compile(
          "\\\\\\\\[^\\\\]+\\\\energy meter\\(([^)]+)\\)\\\\(power|energy|time) :\\s*(\\S+)\\s*",
          Pattern.CASE_INSENSITIVE);

  /**
   * One sample: raw readings for the ledger, and the cooked power Windows printed (W) for
   * cross-checks.
   */
  record Sample(List<EnergyMeterReading> readings, Map<String, Double> cookedWatts) {}

  private GetCounterDump() {}

  static List<Sample> read(String resource) {
    List<Sample> samples = new ArrayList<>();
    long time = -1;
    Map<String, Long> energy = new LinkedHashMap<>();
    Map<String, Double> power = new LinkedHashMap<>();
    for (String line : text(resource).split("\n")) {
      Matcher t = TIMESTAMP.matcher(line.strip());
      Matcher m = LINE.matcher(line.strip());
      if (t.matches()) {
        flush(samples, time, energy, power);
        time = Long.parseLong(t.group(1));
      } else if (m.matches() && m.group(2).equalsIgnoreCase("energy")) {
        energy.put(m.group(1), Long.parseLong(m.group(3)));
      } else if (m.matches() && m.group(2).equalsIgnoreCase("power")) {
        power.put(m.group(1), decimal(m.group(3)) / 1000); // mW
      }
    }
    flush(samples, time, energy, power);
    return samples;
  }

  /** A decimal with either separator; never the default locale's idea of one. */
  static double decimal(String text) {
    String s = text.strip();
    if (s.indexOf(',') >= 0 && s.indexOf('.') < 0) {
      s = s.replace(',', '.');
    }
    return new BigDecimal(s).doubleValue();
  }

  private static void flush(
      List<Sample> samples, long time, Map<String, Long> energy, Map<String, Double> power) {
    if (energy.isEmpty()) {
      return;
    }
    List<EnergyMeterReading> readings = new ArrayList<>();
    energy.forEach((instance, pwh) -> readings.add(new EnergyMeterReading(instance, pwh, time)));
    samples.add(new Sample(readings, Map.copyOf(power)));
    energy.clear();
    power.clear();
  }

  private static String text(String resource) {
    try (InputStream in = GetCounterDump.class.getResourceAsStream("/" + resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
