package dev.powermon.hwmon;

/**
 * One power reading for the unified families.
 *
 * @param source the {@code source} label: {@code gpu}, {@code acpi}, {@code psu}, {@code hwmon},
 *     {@code hwmon-wall} or {@code pmic} (each with one meter class, {@link UnifiedSources})
 * @param joules the device's own energy counter in joules, or NaN when it has none
 */
record PowerChannel(String source, String device, String domain, double watts, double joules) {}
