package dev.powermon.kasa;

import dev.powermon.api.LabelValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lines {@code powermon probe --collector kasa} prints: one per device, in words, with the
 * transport it was reached over ({@code xor}, {@code klap v1}, {@code klap v2}).
 */
final class Summary {
  private Summary() {}

  static List<String> lines(List<DeviceState> states, List<KlapDevice> klapOnly) {
    List<String> lines = new ArrayList<>();
    for (DeviceState s : states) {
      if (!s.ok()) {
        lines.add(
            String.format(
                Locale.ROOT,
                "%-10s %-24s %-21s %-7s failed: %s",
                "?",
                "",
                s.target(),
                s.transport(),
                s.error()));
        continue;
      }
      SysInfo i = s.reading().info();
      Realtime total = s.reading().total();
      String power =
          total == null
              ? "no meter"
              : total.watts() == null
                  ? "power ?"
                  : String.format(Locale.ROOT, "%.1f W", total.watts());
      lines.add(
          String.format(
              Locale.ROOT,
              "%-10s %-24s %-21s %-7s %-9s %s",
              LabelValues.fromDevice(i.model()),
              "\"" + LabelValues.fromDevice(i.alias()) + "\"",
              s.target(),
              s.transport(),
              power,
              state(s.reading())));
    }
    for (KlapDevice d : klapOnly) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%-10s %-24s %-21s %-7s %-9s %s",
              LabelValues.fromDevice(d.model()),
              "",
              d.ip(),
              "-",
              "-",
              LabelValues.fromDevice(d.need())));
    }
    return lines;
  }

  private static String state(DeviceReading r) {
    if (r.outlets().isEmpty()) {
      Double relay = r.info().relayState();
      return relay == null ? "state unknown" : relay > 0 ? "on" : "off";
    }
    long on =
        r.outlets().stream()
            .filter(o -> o.outlet().state() != null && o.outlet().state() > 0)
            .count();
    return on + "/" + r.outlets().size() + " outlets on";
  }
}
