package dev.powermon.kasa.bench;

import dev.powermon.api.Collector;
import dev.powermon.kasa.KasaProvider;
import dev.powermon.kasa.sim.DeviceProfile;
import dev.powermon.kasa.sim.Fault;
import dev.powermon.kasa.sim.Fleet;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Poll-cycle time and {@code collect()} latency with many simulated devices on loopback, some dead
 * (accept, never answer: the worst case, each holds a poll thread for the whole timeout). Bounded:
 * a fixed number of cycles per phase, each phase given up after a minute. Run through
 * {@code bench/kasa/run.sh}.
 */
public final class KasaBench {
  private static final List<String> MIX = List.of("plug-new", "plug-old", "hs300", "bulb", "plug-nometer", "kp303");
  private static final Duration PHASE_LIMIT = Duration.ofSeconds(60);

  private KasaBench() {}

  public static void main(String[] args) throws Exception {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    int deadPercent = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int cycles = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    String timeout = "2s";
    System.out.printf(Locale.ROOT, "kasa bench: %d devices (mix %s), timeout %s, %d cycles per phase, %d cores%n",
        devices, MIX, timeout, cycles, Runtime.getRuntime().availableProcessors());
    System.out.println("| dead | first cycle (open) s | cycle s (min / max) | collect() p50 ms | p99 ms | max ms | calls | series |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    phase(devices, 0, cycles, timeout);
    phase(devices, (devices * deadPercent + 50) / 100, cycles, timeout);
  }

  private static void phase(int devices, int dead, int cycles, String timeout) throws Exception {
    try (Fleet fleet = new Fleet()) {
      for (int i = 0; i < devices; i++) {
        fleet.add(DeviceProfile.load(MIX.get(i % MIX.size())).numbered(i));
      }
      for (int d = 0; d < dead; d++) {
        fleet.get(d * devices / dead).fault(Fault.NEVER_ANSWERS); // spread evenly over the fleet
      }
      try (TestContext context =
          TestContext.forProvider(new KasaProvider())
              .setting("target", fleet.targets())
              .setting("timeout", timeout)
              .setting("poll-interval", "3s")
              .build()) {
        long openStart = System.nanoTime();
        try (Collector collector = new KasaProvider().open(context)) {
          double openSeconds = (System.nanoTime() - openStart) / 1e9;
          measure(collector, dead, cycles, openSeconds);
        }
      }
    }
  }

  private static void measure(Collector collector, int dead, int cycles, double openSeconds) throws Exception {
    List<Double> cycleSeconds = new ArrayList<>();
    List<Long> latencies = new ArrayList<>();
    Double last = null;
    int series = 0;
    long giveUp = System.nanoTime() + PHASE_LIMIT.toNanos();
    while (cycleSeconds.size() < cycles && System.nanoTime() < giveUp) {
      long start = System.nanoTime();
      MetricValues m = MetricValues.of(collector.collect());
      latencies.add(System.nanoTime() - start);
      double cycle = m.value("kasa_scrape_duration_seconds");
      if (last == null || cycle != last) {
        cycleSeconds.add(cycle);
        series = m.text().split("\n").length;
      }
      last = cycle;
      Thread.sleep(5);
    }
    Collections.sort(latencies);
    System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f / %.2f | %.2f | %.2f | %.2f | %d | %d |%n",
        dead, openSeconds,
        Collections.min(cycleSeconds), Collections.max(cycleSeconds),
        millis(latencies, 0.50), millis(latencies, 0.99), latencies.get(latencies.size() - 1) / 1e6,
        latencies.size(), series);
  }

  private static double millis(List<Long> sorted, double quantile) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size()))) / 1e6;
  }
}
