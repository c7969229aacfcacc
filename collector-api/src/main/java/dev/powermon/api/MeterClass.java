package dev.powermon.api;

/**
 * What a power source's meter covers, so fleet totals never count a watt twice; exported as {@code
 * powermon_source_info{source,class}} for every source that produced a reading.
 */
public enum MeterClass {
  /** Measures whole devices at the wall: plugs, strips, UPSes, PSUs. */
  WALL,
  /** Measures parts of a host: RAPL, GPUs, Jetson rails, macOS, Windows energy meters. */
  COMPONENT,
  /** Guesses from utilisation; counts only for hosts with nothing better. */
  ESTIMATE;

  /** The {@code class} label value: {@code wall}, {@code component}, {@code estimate}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
