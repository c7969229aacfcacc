package dev.powermon.rapl;

/**
 * A zone's counter as the hardware keeps it: energy at a set power, wrapping at its range, with the
 * energy it was given kept exactly for comparison.
 */
final class SimulatedCounter {
  private final String id;
  private final String name;
  private double watts;
  private long rangeUj;
  private long raw;
  private long injectedUj;

  SimulatedCounter(String id, String name, double watts, long rangeUj) {
    this.id = id;
    this.name = name;
    this.watts = watts;
    this.rangeUj = rangeUj;
  }

  String id() {
    return id;
  }

  String name() {
    return name;
  }

  long rangeUj() {
    return rangeUj;
  }

  /** Draws the set power for {@code nanos}, wrapping as often as the energy requires. */
  void advance(long nanos) {
    long uj = Math.round(watts * nanos / 1e3);
    injectedUj += uj;
    raw = (raw + uj) % rangeUj;
  }

  void watts(double newWatts) {
    watts = newWatts;
  }

  /** The counter now wraps at {@code newRangeUj}; a value past it wraps at once. */
  void range(long newRangeUj) {
    rangeUj = newRangeUj;
    raw %= rangeUj;
  }

  /** Writes the raw counter and range into the tree, as the kernel would show them now. */
  void writeTo(PowercapTree tree) {
    tree.energy(id, raw).file(id, "max_energy_range_uj", Long.toString(rangeUj));
  }

  double injectedJoules() {
    return injectedUj / 1e6;
  }
}
