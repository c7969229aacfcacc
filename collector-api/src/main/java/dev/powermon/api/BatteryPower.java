package dev.powermon.api;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The one rule that turns a battery's rate, as an operating system reports it, into watts. Every
 * collector that reads a battery (host, macos, windows) goes through it, so a battery means the
 * same thing in every series.
 *
 * <p>The rule, in order:
 *
 * <ol>
 *   <li><b>Unknown stays unknown, never 0 W.</b> A rate that is not finite, or Windows' {@code
 *       BATTERY_UNKNOWN_RATE} (0x80000000, which OSHI passes on as a signed int), gives nothing. So
 *       does a battery that claims to charge and discharge at once.
 *   <li><b>The size</b> is {@code |rate|} in the reading's {@link Convention}: milliwatts for OSHI
 *       on macOS and Windows, microwatts on Linux (the kernel's {@code POWER_NOW}; OSHI 6.10 hands
 *       that number on as "milliwatts", 1000 times too large, which is why Linux batteries are read
 *       from sysfs with {@link Convention#LINUX_MICROWATTS}).
 *   <li><b>The direction</b> comes from the charging and discharging flags when one is set: they
 *       are what the battery's firmware says it does, while signs differ between drivers (Asahi's
 *       {@code macsmc-battery} writes a negative {@code POWER_NOW}, others a magnitude). A flag
 *       with a rate of 0 is a driver that does not know the rate: unknown.
 *   <li><b>Neither flag</b> (full, or on AC and not charging): for signed conventions the sign
 *       decides (negative = out of the battery, OSHI's convention); a rate of 0 is a true 0 W.
 *       Linux' sign is never trusted, so there it is 0 W.
 * </ol>
 *
 * <p>The result is the power flowing <em>out</em> of the battery: positive while it runs the
 * machine, negative while it charges. {@link #drawnWatts} is what a collector adds to the machine's
 * consumption: charging is not consumption.
 */
public final class BatteryPower {
  /** Windows' BATTERY_UNKNOWN_RATE (0x80000000), as OSHI passes it on: a signed int. */
  public static final double WINDOWS_UNKNOWN_RATE = Integer.MIN_VALUE;

  private BatteryPower() {}

  /** What the number in a {@link Reading} means. */
  public enum Convention {
    /**
     * OSHI's {@code PowerSource.getPowerUsageRate()} on macOS and Windows: mW, + charging, −
     * discharging.
     */
    SIGNED_MILLIWATTS(1e-3, true),
    /**
     * Linux {@code power_supply} {@code POWER_NOW} (or {@code CURRENT_NOW × VOLTAGE_NOW / 1e6}):
     * µW, a magnitude whose sign drivers disagree on; the direction is only in {@code STATUS}.
     */
    LINUX_MICROWATTS(1e-6, false);

    private final double wattsPerUnit;
    private final boolean signed;

    Convention(double wattsPerUnit, boolean signed) {
      this.wattsPerUnit = wattsPerUnit;
      this.signed = signed;
    }
  }

  /**
   * One battery as its platform reports it, before the rule is applied.
   *
   * @param name the battery's name (label value, sanitised by the collector)
   * @param rate the rate as reported, in the convention's unit; NaN when the platform gave none
   */
  public record Reading(
      String name, double rate, Convention convention, boolean charging, boolean discharging) {}

  /** Watts flowing out of the battery (negative while charging); empty when the rate is unknown. */
  public static OptionalDouble outWatts(Reading reading) {
    double rate = reading.rate();
    if (!Double.isFinite(rate)
        || rate == WINDOWS_UNKNOWN_RATE
        || (reading.charging() && reading.discharging())) {
      return OptionalDouble.empty();
    }
    double watts = Math.abs(rate) * reading.convention().wattsPerUnit;
    if (reading.charging() || reading.discharging()) {
      if (watts == 0) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(reading.discharging() ? watts : -watts);
    }
    if (!reading.convention().signed || rate == 0) {
      return OptionalDouble.of(0);
    }
    return OptionalDouble.of(rate < 0 ? watts : -watts);
  }

  /**
   * Watts the machine draws from its batteries together: the discharging ones' power, charging ones
   * counting 0; empty when no battery's rate is known (a desktop, or a driver that never says).
   */
  public static OptionalDouble drawnWatts(List<Reading> readings) {
    double sum = 0;
    boolean known = false;
    for (Reading reading : readings) {
      OptionalDouble out = outWatts(reading);
      if (out.isPresent()) {
        known = true;
        sum += Math.max(0, out.getAsDouble());
      }
    }
    return known ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }
}
