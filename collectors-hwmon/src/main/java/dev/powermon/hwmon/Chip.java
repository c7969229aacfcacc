package dev.powermon.hwmon;

import java.util.List;
import java.util.Optional;

/**
 * One hwmon chip as read at one instant.
 *
 * @param label the stable label: the driver's {@code name} and the last part of its device path
 *     ({@code ina226-1-0040}, {@code amdgpu-0000:03:00.0}), so two identical chips differ and a
 *     reboot that renumbers {@code hwmonN} changes nothing
 * @param name the driver's {@code name} file
 * @param device the device path below sysfs ({@code devices/pci0000:00/…/0000:03:00.0}), empty when
 *     the chip has no {@code device} link
 * @param hwmon the chip's {@code hwmonN} directory name (changes between boots; not a label)
 * @param sensors every readable sensor; sensors that failed are left out (and reported)
 */
record Chip(String label, String name, String device, String hwmon, List<Sensor> sensors) {

  /** The first sensor of {@code kind} called {@code name}. */
  Optional<Sensor> sensor(SensorKind kind, String name) {
    return sensors.stream().filter(s -> s.kind() == kind && s.name().equals(name)).findFirst();
  }

  /** The sensor read from {@code file} ({@code power1_average}). */
  Optional<Sensor> file(String file) {
    return sensors.stream().filter(s -> s.file().equals(file)).findFirst();
  }

  /** Every sensor of {@code kind}, in channel order. */
  List<Sensor> sensors(SensorKind kind) {
    return sensors.stream().filter(s -> s.kind() == kind).toList();
  }

  /** The last part of the device path ({@code 0000:03:00.0}), or the label when there is none. */
  String deviceName() {
    return device.isEmpty() ? label : device.substring(device.lastIndexOf('/') + 1);
  }
}
