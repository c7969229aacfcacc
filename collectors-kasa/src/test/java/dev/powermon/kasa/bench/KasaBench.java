package dev.powermon.kasa.bench;

import dev.powermon.api.Collector;
import dev.powermon.kasa.KasaProvider;
import dev.powermon.kasa.sim.DeviceProfile;
import dev.powermon.kasa.sim.Fault;
import dev.powermon.kasa.sim.Fleet;
import dev.powermon.kasa.sim.KlapFault;
import dev.powermon.kasa.sim.SimulatedKlapDevice;
import dev.powermon.kasa.sim.SmartProfile;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Poll-cycle time and {@code collect()} latency with many simulated devices on loopback, some dead
 * (accept, never answer: the worst case, each holds a poll thread for the whole timeout). Bounded:
 * a fixed number of cycles per phase, each phase given up after a minute. Run through {@code
 * bench/kasa/run.sh}. With a KLAP share, that share of the devices speaks KLAP v2 instead (the
 * legacy profiles and SMART ones in turn; a dead one answers handshake 1 and never handshake 2),
 * and the handshakes they needed are counted.
 */
public final class KasaBench {
  private static final List<String> MIX =
      List.of("plug-new", "plug-old", "hs300", "bulb", "plug-nometer", "kp303");
  private static final List<String> SMART_MIX = List.of("p110", "kp125m", "p304m");
  private static final Duration PHASE_LIMIT = Duration.ofSeconds(60);

  /**
   * Pause between two collect() calls. At 5 ms, collect() itself (tens of ms for 4000 series on a
   * loaded machine) takes a good part of a core from the cycles it runs beside.
   */
  private static long collectEveryMillis;

  private KasaBench() {}

  public static void main(String[] args) throws Exception {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    int deadPercent = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int cycles = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int klapPercent = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    String threads = args.length > 4 ? args[4] : "64"; // the poll-threads default
    collectEveryMillis = args.length > 5 ? Long.parseLong(args[5]) : 5;
    String timeout = "2s";
    System.out.printf(
        Locale.ROOT,
        "kasa bench: %d devices (mix %s; %d %% on KLAP v2: the same and %s), timeout %s, "
            + "%d cycles per phase, %s poll threads, collect() every %d ms, %d cores%n",
        devices,
        MIX,
        klapPercent,
        SMART_MIX,
        timeout,
        cycles,
        threads,
        collectEveryMillis,
        Runtime.getRuntime().availableProcessors());
    System.out.println(
        "| dead | first cycle (open) s | cycle s (min / max) | cycles s, in order | collect() p50 ms | p99 ms "
            + "| max ms | calls | series | KLAP devices | handshakes |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    phase(devices, 0, cycles, timeout, klapPercent, threads);
    phase(devices, (devices * deadPercent + 50) / 100, cycles, timeout, klapPercent, threads);
  }

  private static void phase(
      int devices, int dead, int cycles, String timeout, int klapPercent, String threads)
      throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    List<SimulatedKlapDevice> klap = new ArrayList<>();
    try (Fleet fleet = new Fleet()) {
      List<String> targets = new ArrayList<>();
      for (int i = 0; i < devices; i++) {
        boolean onKlap = (i * klapPercent) / 100 != ((i + 1) * klapPercent) / 100; // spread evenly
        boolean deadOne = dead > 0 && isDead(i, devices, dead);
        if (onKlap) {
          SimulatedKlapDevice.Responder responder =
              klap.size() % 2 == 0
                  ? SimulatedKlapDevice.iot(DeviceProfile.load(MIX.get(i % MIX.size())).numbered(i))
                  : SmartProfile.load(SMART_MIX.get(i % SMART_MIX.size())).responder();
          SimulatedKlapDevice d =
              SimulatedKlapDevice.start(loopback, 2, "kasa@tp-link.net", "kasaSetup", responder);
          klap.add(deadOne ? d.fault(KlapFault.NO_HANDSHAKE2) : d);
          targets.add(d.target());
        } else {
          targets.add(
              fleet
                  .add(DeviceProfile.load(MIX.get(i % MIX.size())).numbered(i))
                  .fault(deadOne ? Fault.NEVER_ANSWERS : Fault.NONE)
                  .target());
        }
      }
      try (TestContext context =
          TestContext.forProvider(new KasaProvider())
              .setting("target", targets.toArray(String[]::new))
              .setting("timeout", timeout)
              .setting("poll-interval", "3s")
              .setting("poll-threads", threads)
              .build()) {
        long openStart = System.nanoTime();
        try (Collector collector = new KasaProvider().open(context)) {
          double openSeconds = (System.nanoTime() - openStart) / 1e9;
          measure(collector, dead, cycles, openSeconds, klap);
        }
      }
    } finally {
      klap.forEach(SimulatedKlapDevice::close);
    }
  }

  /** Whether device {@code i} is one of the {@code dead}, spread evenly over the fleet. */
  private static boolean isDead(int i, int devices, int dead) {
    for (int d = 0; d < dead; d++) {
      if (d * devices / dead == i) {
        return true;
      }
    }
    return false;
  }

  private static void measure(
      Collector collector, int dead, int cycles, double openSeconds, List<SimulatedKlapDevice> klap)
      throws Exception {
    List<Double> cycleSeconds = new ArrayList<>();
    List<Long> latencies = new ArrayList<>();
    Double last = null;
    int series = 0;
    long giveUp = System.nanoTime() + PHASE_LIMIT.toNanos();
    while (cycleSeconds.size() < cycles && System.nanoTime() < giveUp) {
      long start = System.nanoTime();
      MetricValues m = MetricValues.of(collector.collect());
      latencies.add(System.nanoTime() - start);
      if (!m.has("kasa_scrape_duration_seconds")) {
        Thread.sleep(collectEveryMillis);
        continue; // the first cycle outlasted open()'s wait
      }
      double cycle = m.value("kasa_scrape_duration_seconds");
      if (last == null || cycle != last) {
        cycleSeconds.add(cycle);
        series = m.text().split("\n").length;
      }
      last = cycle;
      Thread.sleep(collectEveryMillis);
    }
    Collections.sort(latencies);
    int handshakes = klap.stream().mapToInt(SimulatedKlapDevice::handshakes).sum();
    System.out.printf(
        Locale.ROOT,
        "| %d | %.2f | %.2f / %.2f | %s | %.2f | %.2f | %.2f | %d | %d | %d | %d |%n",
        dead,
        openSeconds,
        Collections.min(cycleSeconds),
        Collections.max(cycleSeconds),
        cycleSeconds.stream()
            .map(c -> String.format(Locale.ROOT, "%.2f", c))
            .collect(java.util.stream.Collectors.joining(" ")),
        millis(latencies, 0.50),
        millis(latencies, 0.99),
        latencies.get(latencies.size() - 1) / 1e6,
        latencies.size(),
        series,
        klap.size(),
        handshakes);
  }

  private static double millis(List<Long> sorted, double quantile) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size())))
        / 1e6;
  }
}
