package dev.powermon.hwmon;

/**
 * One reading of one hwmon attribute.
 *
 * @param kind what it measures
 * @param file the attribute's file name ({@code power1_average})
 * @param name the sensor as exported: its {@code *_label} when it has a unique one, else {@code
 *     power1}
 * @param value in base units (watts, joules, amperes, volts, °C)
 */
record Sensor(SensorKind kind, String file, String name, double value) {}
