package dev.powermon.jetson;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The seed's naming pattern puts device strings into metric names ({@code
 * jetson_power_vdd_in_watts}): the one place powermon does so. Every such string passes through
 * {@link #component} first.
 */
final class MetricNames {
  /** Longest name part taken from a device; real rail and sensor names are under 20 characters. */
  static final int MAX_COMPONENT = 48;

  /**
   * Rails that measure the module's (or, for Thor's carrier INA238, the whole system's) input, in
   * the order jtop prefers them. AGX Xavier and AGX Orin have none: their rails are module parts
   * only.
   */
  static final List<String> INPUT_RAILS = List.of("VIN", "POM_5V_IN", "VDD_IN");

  private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-z0-9_]");
  private static final Pattern SAFE = Pattern.compile("[a-z0-9_]*[a-z0-9][a-z0-9_]*");

  private MetricNames() {}

  /**
   * {@code raw} lower-cased with every character outside {@code [a-z0-9_]} replaced by {@code _};
   * empty when the result is too long or has no letter or digit left, so the caller skips the
   * series.
   */
  static Optional<String> component(String raw) {
    if (raw == null || raw.length() > MAX_COMPONENT) {
      return Optional.empty();
    }
    String name = NOT_ALLOWED.matcher(raw.toLowerCase(Locale.ROOT)).replaceAll("_");
    return name.length() <= MAX_COMPONENT && SAFE.matcher(name).matches()
        ? Optional.of(name)
        : Optional.empty();
  }

  /** {@code jetson_power_<rail>_watts}, or empty for a rail name that cannot be made safe. */
  static Optional<String> railFamily(String rail) {
    return component(rail).map(c -> "jetson_power_" + c + "_watts");
  }

  /** The input rail among {@code rails}, if the board has one. */
  static Optional<String> inputRail(java.util.Collection<String> rails) {
    return INPUT_RAILS.stream().filter(rails::contains).findFirst();
  }
}
