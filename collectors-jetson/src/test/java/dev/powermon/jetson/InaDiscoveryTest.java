package dev.powermon.jetson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InaDiscoveryTest {
  @TempDir Path root;

  @Test
  void jetpack4IioLayoutReadsMilliwatts() throws IOException {
    SysfsTree tree = new SysfsTree(root).jetpack4Nano();

    Map<String, Double> watts = read(InaDiscovery.discover(tree.sysfs()));

    // in_powerN_input is mW: 2230 mW = 2.23 W
    assertThat(watts).containsOnlyKeys("POM_5V_IN", "POM_5V_GPU", "POM_5V_CPU");
    assertThat(watts.get("POM_5V_IN")).isCloseTo(2.23, within(1e-9));
    assertThat(watts.get("POM_5V_CPU")).isCloseTo(0.512, within(1e-9));
  }

  @Test
  void jetpack5HwmonLayoutMultipliesMillivoltsByMilliampsAndSkipsTheShuntSum() throws IOException {
    SysfsTree tree = new SysfsTree(root).jetpack5OrinNano();

    Map<String, Double> watts = read(InaDiscovery.discover(tree.sysfs()));

    assertThat(watts).containsOnlyKeys("VDD_IN", "VDD_CPU_GPU_CV", "VDD_SOC");
    assertThat(watts.get("VDD_IN")).isCloseTo(5.08, within(1e-9)); // 5080 mV × 1000 mA = 5.08 W
    assertThat(watts.get("VDD_CPU_GPU_CV"))
        .isCloseTo(0.831808, within(1e-9)); // 5072 × 164 = 831808 µW
    assertThat(watts.get("VDD_SOC")).isCloseTo(1.62432, within(1e-9)); // 5076 × 320 = 1624320 µW
  }

  @Test
  void agxOrinSkipsNotConnectedChannels() throws IOException {
    SysfsTree tree = new SysfsTree(root).agxOrin();

    Map<String, Double> watts = read(InaDiscovery.discover(tree.sysfs()));

    assertThat(watts)
        .containsOnlyKeys("VDD_GPU_SOC", "VDD_CPU_CV", "VIN_SYS_5V0", "VDDQ_VDD2_1V8AO");
    assertThat(watts.get("VDD_GPU_SOC")).isCloseTo(2.9928, within(1e-9)); // 19952 mV × 150 mA
    assertThat(watts.get("VDDQ_VDD2_1V8AO")).isCloseTo(0.3, within(1e-9)); // 5000 × 60
  }

  @Test
  void thorAddsTheCarrierIna238AsVinInMicrowatts() throws IOException {
    SysfsTree tree = new SysfsTree(root).thor();

    Map<String, Double> watts = read(InaDiscovery.discover(tree.sysfs()));

    assertThat(watts).containsOnlyKeys("VDD_GPU", "VDD_CPU_SOC_MSS", "VIN_SYS_5V0", "VIN");
    assertThat(watts.get("VIN")).isCloseTo(26.686, within(1e-9)); // 26686000 µW
    assertThat(watts.get("VDD_CPU_SOC_MSS")).isCloseTo(7.96, within(1e-9)); // 19900 × 400
  }

  @Test
  void noMonitorsMeansNoRails() {
    SysfsTree.write(root.resolve("sys/bus/i2c/devices/0-0050/name"), "24c02\n");

    assertThat(InaDiscovery.discover(root.resolve("sys"))).isEmpty();
    assertThat(InaDiscovery.discover(root.resolve("absent"))).isEmpty();
  }

  @Test
  void wronglyTypedAttributeFailsTheReadWithThePath() {
    SysfsTree tree = new SysfsTree(root).jetpack4Nano();
    SysfsTree.write(
        tree.sysfs().resolve("bus/i2c/devices/6-0040/iio:device0/in_power0_input"), "12.5e3\n");
    RailChannel in = InaDiscovery.discover(tree.sysfs()).get(0);

    assertThatExceptionOfType(IOException.class)
        .isThrownBy(in::watts)
        .withMessageContaining("in_power0_input")
        .withMessageContaining("'12.5e3'");
  }

  @Test
  void oversizedAttributeIsCutNotReadWhole() {
    SysfsTree tree = new SysfsTree(root).jetpack4Nano();
    SysfsTree.write(
        tree.sysfs().resolve("bus/i2c/devices/6-0040/iio:device0/in_power1_input"),
        "1".repeat(100_000));
    RailChannel gpu = InaDiscovery.discover(tree.sysfs()).get(1);

    assertThatExceptionOfType(IOException.class)
        .isThrownBy(gpu::watts)
        .withMessageContaining("in_power1_input");
  }

  @Test
  void negativeCurrentAtNoLoadIsZeroWatts() throws IOException {
    SysfsTree tree = new SysfsTree(root).jetpack5OrinNano();
    tree.setCurrent("1-0040", "hwmon3", 2, -2);

    assertThat(read(InaDiscovery.discover(tree.sysfs())).get("VDD_CPU_GPU_CV")).isZero();
  }

  private static Map<String, Double> read(List<RailChannel> channels) throws IOException {
    Map<String, Double> out = new LinkedHashMap<>();
    for (RailChannel c : channels) {
      out.put(c.name(), c.watts());
    }
    return out;
  }
}
