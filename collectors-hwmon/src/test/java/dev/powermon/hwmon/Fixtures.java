package dev.powermon.hwmon;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The project's fixture chips, each in the kernel's layout with its driver's name and attribute set
 * (the kernel documentation each follows is in src/test/resources/fixtures/README.md). Values are
 * chosen so the expected base units are easy to compute by hand.
 */
public final class Fixtures {
  static final String INA260_DEVICE =
      "devices/platform/axi/1000120000.pcie/1f00074000.i2c/i2c-1/1-0040";
  static final String INA226_A_DEVICE = "devices/platform/soc/fe804000.i2c/i2c-3/3-0044";
  static final String INA226_B_DEVICE = "devices/platform/soc/fe804000.i2c/i2c-3/3-0045";
  static final String AMDGPU_OLD_DEVICE = "devices/pci0000:00/0000:00:03.1/0000:09:00.0";
  static final String AMDGPU_NEW_DEVICE = "devices/pci0000:00/0000:00:01.1/0000:03:00.0";
  static final String ACPI_DEVICE = "devices/LNXSYSTM:00/LNXSYBUS:00/ACPI000D:00";
  static final String PSU_DEVICE = "devices/platform/ahb/1e78a000.i2c-bus/i2c-7/7-0058";
  static final String CORETEMP_DEVICE = "devices/platform/coretemp.0";
  static final String SQ52206_DEVICE = "devices/platform/soc/fe804000.i2c/i2c-3/3-0046";

  private Fixtures() {}

  /** The provider as on a machine without vcgencmd on PATH, whatever this one has. */
  static HwmonProvider provider() {
    return new HwmonProvider(Optional::empty);
  }

  /** INA260 over i2c (ina2xx.rst): bus 5.104 V, 1.25 A, 6.38 W. */
  public static HwmonTree ina260(HwmonTree t, String hwmon) {
    return t.chip(
        hwmon,
        INA260_DEVICE,
        files(
            "name",
            "ina260",
            "in1_input",
            "5104",
            "curr1_input",
            "1250",
            "power1_input",
            "6380000",
            "update_interval",
            "2"));
  }

  /** INA226 over i2c (ina2xx.rst): shunt in0 (mV), bus in1 (mV), current (mA), power (µW). */
  static HwmonTree ina226(
      HwmonTree t,
      String hwmon,
      String device,
      String busMillivolts,
      String milliamps,
      String microwatts) {
    return t.chip(
        hwmon,
        device,
        files(
            "name",
            "ina226",
            "in0_input",
            "2",
            "in1_input",
            busMillivolts,
            "curr1_input",
            milliamps,
            "power1_input",
            microwatts,
            "shunt_resistor",
            "10000",
            "update_interval",
            "2"));
  }

  /** The two identical INA226 at 0x44 and 0x45: 12.0 V × 2.5 A = 30 W and 12.0 V × 0.5 A = 6 W. */
  static HwmonTree twoIna226(HwmonTree t) {
    ina226(t, "hwmon3", INA226_A_DEVICE, "12000", "2500", "30000000");
    return ina226(t, "hwmon4", INA226_B_DEVICE, "12000", "500", "6000000");
  }

  /**
   * amdgpu before 6.6 (amdgpu thermal docs): power1_average only, 35.5 W; edge 45 °C; vddgfx 0.806
   * V.
   */
  public static HwmonTree amdgpuAverageOnly(HwmonTree t, String hwmon) {
    return t.chip(
        hwmon,
        AMDGPU_OLD_DEVICE,
        files(
            "name",
            "amdgpu",
            "power1_average",
            "35500000",
            "power1_cap",
            "150000000",
            "temp1_input",
            "45000",
            "temp1_label",
            "edge",
            "temp2_input",
            "52000",
            "temp2_label",
            "junction",
            "in0_input",
            "806",
            "in0_label",
            "vddgfx",
            "fan1_input",
            "1200"));
  }

  /** amdgpu on 6.6+: power1_input only (labelled PPT), 120.25 W. */
  static HwmonTree amdgpuInputOnly(HwmonTree t, String hwmon) {
    return t.chip(
        hwmon,
        AMDGPU_NEW_DEVICE,
        files(
            "name",
            "amdgpu",
            "power1_input",
            "120250000",
            "power1_label",
            "PPT",
            "power1_cap",
            "300000000",
            "temp1_input",
            "61000",
            "temp1_label",
            "edge",
            "in0_input",
            "1100",
            "in0_label",
            "vddgfx"));
  }

  /** ACPI power meter (acpi_power_meter.rst): power1_average 187.5 W over a 1 s interval. */
  public static HwmonTree acpiPowerMeter(HwmonTree t, String hwmon, String microwatts) {
    return t.chip(
        hwmon,
        ACPI_DEVICE,
        files(
            "name",
            "power_meter",
            "power1_average",
            microwatts,
            "power1_average_interval",
            "1000",
            "power1_is_battery",
            "0",
            "power1_model_number",
            "Intel(R) Node Manager"));
  }

  /** A PMBus PSU (pmbus.rst, pmbus-core.rst): 230 V in, 1.2 A, 276 W in, 250 W out, 12.1 V out. */
  public static HwmonTree pmbusPsu(HwmonTree t, String hwmon) {
    return t.chip(
        hwmon,
        PSU_DEVICE,
        files(
            "name",
            "pmbus",
            "in1_input",
            "230000",
            "in1_label",
            "vin",
            "in2_input",
            "12100",
            "in2_label",
            "vout1",
            "curr1_input",
            "1200",
            "curr1_label",
            "iin",
            "curr2_input",
            "20660",
            "curr2_label",
            "iout1",
            "power1_input",
            "276000000",
            "power1_label",
            "pin",
            "power2_input",
            "250000000",
            "power2_label",
            "pout1",
            "temp1_input",
            "38000",
            "fan1_input",
            "5200"));
  }

  /** coretemp (coretemp.rst): temperatures only, labelled. */
  static HwmonTree coretemp(HwmonTree t, String hwmon) {
    return t.chip(
        hwmon,
        CORETEMP_DEVICE,
        files(
            "name",
            "coretemp",
            "temp1_input",
            "48000",
            "temp1_label",
            "Package id 0",
            "temp2_input",
            "46000",
            "temp2_label",
            "Core 0"));
  }

  /**
   * SQ52206 on the ina238 driver (ina238.rst): power and the energy counter, 3.6 W and 1000.5 J.
   */
  static HwmonTree sq52206(HwmonTree t, String hwmon, String microjoules) {
    return t.chip(
        hwmon,
        SQ52206_DEVICE,
        files(
            "name",
            "sq52206",
            "in1_input",
            "12000",
            "curr1_input",
            "300",
            "power1_input",
            "3600000",
            "energy1_input",
            microjoules));
  }

  /**
   * Every chip above in one tree, as a busy server-and-board hybrid would never have but a test
   * can.
   */
  static HwmonTree all(HwmonTree t) {
    coretemp(t, "hwmon0");
    amdgpuAverageOnly(t, "hwmon1");
    amdgpuInputOnly(t, "hwmon2");
    twoIna226(t);
    acpiPowerMeter(t, "hwmon5", "187500000");
    pmbusPsu(t, "hwmon6");
    ina260(t, "hwmon7");
    return sq52206(t, "hwmon8", "1000500000");
  }

  private static Map<String, String> files(String... pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return out;
  }
}
