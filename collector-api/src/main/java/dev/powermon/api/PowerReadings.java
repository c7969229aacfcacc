package dev.powermon.api;

import io.prometheus.metrics.model.snapshots.Labels;

/**
 * Where a collector hands every power reading it takes: one call feeds {@code
 * powermon_power_watts}, {@code powermon_energy_joules_total}, the window families {@code
 * powermon_power_window_{max,min}_watts} and remote-write (each reading at its own timestamp). Get
 * one per source from {@link CollectorContext#powerReadings(String, MeterClass)}; a collector that
 * uses it emits neither unified family itself.
 *
 * <p>A series is {@code (device, domain, extra)}; the core adds {@code source}. A reading is either
 *
 * <ul>
 *   <li>an energy counter at an instant ({@link #joules}: RAPL, Windows, NVML), from which the core
 *       derives power between consecutive readings; a value below the previous one is a counter
 *       reset (the energy since the reset is counted, the counter served never goes backwards);
 *   <li>power at an instant ({@link #watts}: Kasa, Jetson, macOS), which the core integrates to
 *       energy by the trapezoid rule ({@link EnergyIntegrator}); or
 *   <li>both ({@link #wattsAndJoules}: a device that reports power and its own energy counter): the
 *       counter feeds energy, the power feeds the gauge and the window.
 * </ul>
 *
 * <p><b>What {@code powermon_power_watts} means, for every source:</b> the energy-weighted mean
 * power over the series' readings of the last {@link #WINDOW_SECONDS} seconds, ending at its latest
 * reading (energy between the first and the last reading of the window, divided by their time
 * apart). The window starts at the latest reading at least {@value #WINDOW_SECONDS} s older than
 * the newest, or at the oldest kept reading. A scrape does not move the window, so two scrapers see
 * the same value.
 *
 * <p>{@code powermon_power_window_{max,min}_watts} are the highest and lowest power between two
 * consecutive readings (for watt readings: the readings themselves) over the last {@value
 * #EXTREMES_SECONDS} seconds, to the second, ending at the latest reading: longer than usual scrape
 * intervals, so every scraper sees a spike that fell between its scrapes.
 *
 * <p>Calls are cheap, never block, and may come from any thread (samplers, or {@code collect()} for
 * a source read at scrape time). Readings not newer than the series' last one are ignored. Extra
 * label names must be the ones declared with {@link MetricSpec#withExtraLabels} on the provider's
 * power and energy specs, or the call throws IllegalArgumentException.
 */
public interface PowerReadings {
  /** Length of the fixed window {@code powermon_power_watts} averages over, in seconds. */
  int WINDOW_SECONDS = 10;

  /** Length of the fixed window the highest and lowest power cover, in seconds. */
  int EXTREMES_SECONDS = 60;

  /** Takes nothing: what contexts that keep no readings (probes) hand out. */
  PowerReadings DISCARD =
      new PowerReadings() {
        @Override
        public void reading(
            String device,
            String domain,
            Labels extra,
            long epochMillis,
            double watts,
            double joules) {}

        @Override
        public void forget(String device) {}
      };

  /**
   * One reading of one series.
   *
   * @param epochMillis when the reading was taken, from {@link CollectorContext#clock()}
   * @param watts power at that instant, or NaN when the source reports only energy
   * @param joules the series' energy counter at that instant, or NaN when the source reports only
   *     power
   */
  void reading(
      String device, String domain, Labels extra, long epochMillis, double watts, double joules);

  /**
   * Stops serving every series of {@code device} (gone from the network, unplugged) until it reads
   * again.
   */
  void forget(String device);

  /** An energy counter reading, in joules. */
  default void joules(String device, String domain, Labels extra, long epochMillis, double joules) {
    reading(device, domain, extra, epochMillis, Double.NaN, joules);
  }

  /** A power reading at an instant, in watts. */
  default void watts(String device, String domain, Labels extra, long epochMillis, double watts) {
    reading(device, domain, extra, epochMillis, watts, Double.NaN);
  }

  /** A device that reports both its power and its own energy counter. */
  default void wattsAndJoules(
      String device, String domain, Labels extra, long epochMillis, double watts, double joules) {
    reading(device, domain, extra, epochMillis, watts, joules);
  }
}
