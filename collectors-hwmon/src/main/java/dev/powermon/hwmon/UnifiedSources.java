package dev.powermon.hwmon;

import dev.powermon.api.MeterClass;
import java.util.Map;

/** The unified sources this collector feeds and the meter class of each. */
final class UnifiedSources {
  static final String GPU = "gpu";
  static final String ACPI = "acpi";
  static final String PSU = "psu";
  static final String RAIL = "hwmon";
  static final String WALL_RAIL = "hwmon-wall";
  static final String PMIC = "pmic";

  static final Map<String, MeterClass> CLASSES =
      Map.of(
          GPU, MeterClass.COMPONENT,
          ACPI, MeterClass.WALL,
          PSU, MeterClass.WALL,
          RAIL, MeterClass.COMPONENT,
          WALL_RAIL, MeterClass.WALL,
          PMIC, MeterClass.COMPONENT);

  private UnifiedSources() {}
}
