package dev.powermon.nut;

import java.util.Optional;

/**
 * A UPS's output power in watts, by the first rule of the chain its variables allow. The {@code
 * method} says which, because the three differ in trust: a measured {@code ups.realpower} beats a
 * load percentage of the rated real power, which beats a load percentage of the rated apparent
 * power times an assumed power factor.
 *
 * @param watts output power
 * @param method {@code realpower}, {@code load_realpower_nominal} or {@code load_power_nominal}
 */
record UpsPower(double watts, String method) {
  static final String REALPOWER = "realpower";
  static final String LOAD_REALPOWER_NOMINAL = "load_realpower_nominal";
  static final String LOAD_POWER_NOMINAL = "load_power_nominal";

  /**
   * Applies the chain to one UPS's variables; a variable that is missing, not a number or out of
   * range skips its rule (the caller counts it through {@link UpsVariables}).
   *
   * @param powerFactor the assumed real/apparent ratio for the last rule, in (0, 1]
   */
  static Optional<UpsPower> of(UpsVariables vars, double powerFactor) {
    Optional<Double> real = vars.nonNegative("ups.realpower");
    if (real.isPresent()) {
      return Optional.of(new UpsPower(real.get(), REALPOWER));
    }
    Optional<Double> load = vars.percent("ups.load");
    if (load.isEmpty()) {
      return Optional.empty();
    }
    Optional<Double> realNominal = vars.nonNegative("ups.realpower.nominal");
    if (realNominal.isPresent()) {
      return Optional.of(
          new UpsPower(load.get() / 100 * realNominal.get(), LOAD_REALPOWER_NOMINAL));
    }
    return vars.nonNegative("ups.power.nominal")
        .map(va -> new UpsPower(load.get() / 100 * va * powerFactor, LOAD_POWER_NOMINAL));
  }
}
