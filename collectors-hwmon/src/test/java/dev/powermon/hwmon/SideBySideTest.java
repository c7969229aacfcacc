package dev.powermon.hwmon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * powermon's hwmon collector beside Debian's node_exporter hwmon collector on the same fixture
 * tree: every sensor both read reports the same watts, amperes, volts, degrees and joules.
 */
class SideBySideTest {
  /** node_exporter's family for each kind, as 1.5.0 names it. */
  private static final Map<SensorKind, String> NODE_FAMILY =
      Map.of(
          SensorKind.POWER_INPUT, "node_hwmon_power_watt",
          SensorKind.POWER_AVERAGE, "node_hwmon_power_average_watt",
          SensorKind.ENERGY, "node_hwmon_energy_joule_total",
          SensorKind.CURRENT, "node_hwmon_curr_amps",
          SensorKind.VOLTAGE, "node_hwmon_in_volts",
          SensorKind.TEMPERATURE, "node_hwmon_temp_celsius");

  private static final Map<SensorKind, String> POWERMON_FAMILY =
      Map.of(
          SensorKind.POWER_INPUT, "powermon_hwmon_power_watts",
          SensorKind.POWER_AVERAGE, "powermon_hwmon_power_average_watts",
          SensorKind.ENERGY, "powermon_hwmon_energy_joules_total",
          SensorKind.CURRENT, "powermon_hwmon_current_amperes",
          SensorKind.VOLTAGE, "powermon_hwmon_voltage_volts",
          SensorKind.TEMPERATURE, "powermon_hwmon_temperature_celsius");

  @TempDir Path dir;

  @Test
  void everySharedSensorAgrees() throws Exception {
    HwmonTree tree = Fixtures.all(new HwmonTree(dir.resolve("sys")));
    try (NodeExporter ne = NodeExporter.start(tree.sysfs(), dir.resolve("node_exporter.log"));
        TestContext ctx =
            TestContext.forProvider(Fixtures.provider())
                .setting("sysfs", tree.sysfs().toString())
                .build();
        HwmonCollector powermon = (HwmonCollector) Fixtures.provider().open(ctx)) {
      Map<String, Double> node = ne.series();
      MetricValues mine = MetricValues.of(powermon.collect());
      Map<String, double[]> compared = new TreeMap<>();
      for (Chip chip : powermon.latestForTest().chips()) {
        for (Sensor s : chip.sensors()) {
          String key =
              NODE_FAMILY.get(s.kind())
                  + " "
                  + nodeChip(chip.device())
                  + " "
                  + s.file().substring(0, s.file().indexOf('_'));
          double ours =
              mine.value(POWERMON_FAMILY.get(s.kind()), "chip", chip.label(), "sensor", s.name());
          assertThat(node).as("node_exporter has %s", key).containsKey(key);
          compared.put(key, new double[] {ours, node.get(key)});
        }
      }
      compared.forEach((key, v) -> assertThat(v[0]).as(key).isEqualTo(v[1]));
      // every power, energy, current, voltage and temperature channel of the nine fixture chips
      assertThat(compared).hasSize(32);
      assertThat(compared.get("node_hwmon_power_watt i2c_1_1_0040 power1"))
          .containsExactly(6.38, 6.38);
      assertThat(compared.get("node_hwmon_power_average_watt lnxsybus:00_acpi000d:00 power1"))
          .containsExactly(187.5, 187.5);
      assertThat(compared.get("node_hwmon_energy_joule_total i2c_3_3_0046 energy1"))
          .containsExactly(1000.5, 1000.5);
    }
  }

  /** node_exporter's chip label: the device's parent and own directory names, cleaned. */
  private static String nodeChip(String device) {
    Path p = Path.of(device);
    return clean(p.getParent().getFileName().toString()) + "_" + clean(p.getFileName().toString());
  }

  private static String clean(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9:_]", "_").replaceAll("^_+|_+$", "");
  }
}
