package dev.powermon.hwmon;

import dev.powermon.api.MeterClass;
import dev.powermon.api.PowerFamilies;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the chips whose meaning is known into the unified families:
 *
 * <ul>
 *   <li>amdgpu: {@code power1_average} (older kernels) or {@code power1_input} (6.6+) is the GPU's
 *       total, {@code source="gpu"}, device = its PCI slot;
 *   <li>ACPI {@code power_meter}: the machine's input power, {@code source="acpi"}, wall;
 *   <li>PMBus PSUs: the input power ({@code pin}), {@code source="psu"}, wall, a domain per PSU;
 *   <li>INA2xx monitors: a domain per channel, {@code source="hwmon"} (component), the chip as
 *       device;
 *   <li>any power sensor named in {@code rails}: the host as device, the domain named, {@code
 *       source="hwmon"} (component) or {@code "hwmon-wall"} (wall, by the operator's word).
 * </ul>
 *
 * Where a wall source has several meters (two PSUs), each is a domain and {@code total} is their
 * sum, given only when every one of them read.
 */
final class KnownChips {
  static final Set<String> INA =
      Set.of(
          "ina209", "ina219", "ina220", "ina226", "ina230", "ina231", "ina234", "ina238", "ina260",
          "sq52206");

  /** hwmon names of PMBus power supply drivers (Documentation/hwmon/pmbus.rst and its siblings). */
  static final Set<String> PSU =
      Set.of(
          "pmbus",
          "dps460",
          "dps800",
          "dps920ab",
          "ibm-cffps",
          "fsp3y",
          "pfe1100",
          "pfe3000",
          "ipsps",
          "acbel-fsg032",
          "crps",
          "q54sj108a2",
          "lt7182s");

  private KnownChips() {}

  static List<PowerChannel> channels(List<Chip> chips, Rails rails, String host) {
    List<PowerChannel> out = new ArrayList<>();
    List<PowerChannel> acpi = new ArrayList<>();
    List<PowerChannel> psus = new ArrayList<>();
    int psuCount = 0;
    int acpiCount = 0;
    for (Chip chip : chips) {
      if (chip.name().equals("amdgpu")) {
        power(chip)
            .ifPresent(
                w ->
                    out.add(
                        new PowerChannel(
                            UnifiedSources.GPU,
                            chip.deviceName(),
                            PowerFamilies.TOTAL_DOMAIN,
                            w,
                            Double.NaN)));
      } else if (chip.name().equals("power_meter")) {
        acpiCount++;
        power(chip)
            .ifPresent(
                w ->
                    acpi.add(
                        new PowerChannel(UnifiedSources.ACPI, host, chip.label(), w, Double.NaN)));
      } else if (PSU.contains(chip.name())) {
        psuCount++;
        chip.sensor(SensorKind.POWER_INPUT, "pin")
            .map(Sensor::value)
            .or(() -> power(chip))
            .ifPresent(
                w ->
                    psus.add(
                        new PowerChannel(UnifiedSources.PSU, host, chip.label(), w, Double.NaN)));
      }
      rails(chip, rails, host, out);
    }
    withTotal(acpi, acpiCount, out);
    withTotal(psus, psuCount, out);
    return out;
  }

  /** INA channels, and every power sensor the operator named, of any chip. */
  private static void rails(Chip chip, Rails rails, String host, List<PowerChannel> out) {
    boolean ina = INA.contains(chip.name());
    for (Sensor s : chip.sensors(SensorKind.POWER_INPUT)) {
      Optional<Rails.Rail> rail = rails.of(chip.label(), s.name());
      if (rail.isEmpty() && !ina) {
        continue;
      }
      String source =
          rail.map(
                  r ->
                      r.meterClass() == MeterClass.WALL
                          ? UnifiedSources.WALL_RAIL
                          : UnifiedSources.RAIL)
              .orElse(UnifiedSources.RAIL);
      // a named rail belongs to the host; an unnamed channel is the chip's own, so a chip that
      // fails is
      // withdrawn alone (forget works per device)
      String device = rail.isPresent() ? host : chip.label();
      String domain = rail.map(Rails.Rail::domain).orElse(s.name());
      double joules =
          chip.sensor(SensorKind.ENERGY, energyName(s.name()))
              .map(Sensor::value)
              .orElse(Double.NaN);
      out.add(new PowerChannel(source, device, domain, s.value(), joules));
    }
  }

  /**
   * The energy channel paired with a power channel: {@code energy1} for {@code power1}, else the
   * same label.
   */
  private static String energyName(String powerName) {
    return powerName.startsWith("power")
        ? "energy" + powerName.substring("power".length())
        : powerName;
  }

  /**
   * The chip's first power channel, by file since labels vary (amdgpu labels it "PPT" on some
   * kernels): {@code power1_average} when present (older amdgpu, ACPI meters), else {@code
   * power1_input}.
   */
  private static Optional<Double> power(Chip chip) {
    return chip.file("power1_average").or(() -> chip.file("power1_input")).map(Sensor::value);
  }

  /** One meter is the total; several are domains and their sum, when every one of them read. */
  private static void withTotal(List<PowerChannel> meters, int count, List<PowerChannel> out) {
    if (count == 1 && meters.size() == 1) {
      PowerChannel m = meters.get(0);
      out.add(
          new PowerChannel(
              m.source(), m.device(), PowerFamilies.TOTAL_DOMAIN, m.watts(), Double.NaN));
      return;
    }
    out.addAll(meters);
    if (count > 1 && meters.size() == count) {
      double sum = meters.stream().mapToDouble(PowerChannel::watts).sum();
      PowerChannel m = meters.get(0);
      out.add(
          new PowerChannel(m.source(), m.device(), PowerFamilies.TOTAL_DOMAIN, sum, Double.NaN));
    }
  }
}
