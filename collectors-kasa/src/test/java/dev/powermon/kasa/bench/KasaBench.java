package dev.powermon.kasa.bench;

import dev.powermon.api.Collector;
import dev.powermon.kasa.KasaProvider;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Poll-cycle time and {@code collect()} latency with many simulated devices on loopback, some dead
 * (accept, never answer: the worst case, each holds a poll thread for the whole timeout). Bounded:
 * a fixed number of cycles per phase, each phase given up after a minute. Run through {@code
 * bench/kasa/run.sh}. With a KLAP share, that share of the devices speaks KLAP v2 instead (the
 * legacy profiles and SMART ones in turn; a dead one answers handshake 1 and never handshake 2).
 * The devices run in a process of their own ({@link BenchFleet}), so the CPU each side spends is
 * reported apart, with the HTTP exchanges each KLAP device saw by the end of the first cycle.
 */
public final class KasaBench {
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
            + "%d cycles per phase, %s poll threads, collect() every %d ms, %d cores, load %.2f%n",
        devices,
        BenchFleet.MIX,
        klapPercent,
        BenchFleet.SMART_MIX,
        timeout,
        cycles,
        threads,
        collectEveryMillis,
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    List<String> exchanges = new ArrayList<>();
    System.out.println(
        "| dead | first cycle (open) s | cycle s (min / max) | cycles s, in order | collect() p50 ms | p99 ms "
            + "| max ms | calls | series | CPU s collector / devices, first cycle | whole phase |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    phase(devices, 0, cycles, timeout, klapPercent, threads, exchanges);
    phase(
        devices,
        (devices * deadPercent + 50) / 100,
        cycles,
        timeout,
        klapPercent,
        threads,
        exchanges);
    System.out.printf(
        Locale.ROOT,
        "load %.2f%n%nHTTP exchanges per live KLAP device by the end of the first cycle (mean):%n%n"
            + "| dead | device | devices | handshake 1 | handshake 2 | requests | refused |%n"
            + "|---|---|---|---|---|---|---|%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    exchanges.forEach(System.out::println);
  }

  private static void phase(
      int devices,
      int dead,
      int cycles,
      String timeout,
      int klapPercent,
      String threads,
      List<String> exchanges)
      throws Exception {
    Process sim =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                BenchFleet.class.getName(),
                String.valueOf(devices),
                String.valueOf(dead),
                String.valueOf(klapPercent))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (BufferedReader fromSim =
            new BufferedReader(
                new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
        PrintStream toSim = new PrintStream(sim.getOutputStream(), true, StandardCharsets.UTF_8)) {
      List<String> targets = new ArrayList<>();
      for (String line = fromSim.readLine(); !"ready".equals(line); line = fromSim.readLine()) {
        if (line == null) {
          throw new IllegalStateException("the simulated fleet ended before it was ready");
        }
        targets.add(line.substring("target ".length()));
      }
      try (TestContext context =
          TestContext.forProvider(new KasaProvider())
              .setting("target", targets.toArray(String[]::new))
              .setting("timeout", timeout)
              .setting("poll-interval", "3s")
              .setting("poll-threads", threads)
              .build()) {
        Cpu start = Cpu.now(sim);
        long openStart = System.nanoTime();
        try (Collector collector = new KasaProvider().open(context)) {
          double openSeconds = (System.nanoTime() - openStart) / 1e9;
          measure(collector, dead, cycles, openSeconds, start, sim, fromSim, toSim, exchanges);
        }
      }
    } finally {
      sim.destroy();
      sim.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** CPU seconds used so far by this JVM (the collector) and by the simulated devices. */
  private record Cpu(double collector, double devices) {
    static Cpu now(Process sim) {
      double mine =
          ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                  .getProcessCpuTime()
              / 1e9;
      double theirs = sim.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
      return new Cpu(mine, theirs);
    }

    String since(Cpu start) {
      return String.format(
          Locale.ROOT, "%.1f / %.1f", collector - start.collector, devices - start.devices);
    }
  }

  private static void measure(
      Collector collector,
      int dead,
      int cycles,
      double openSeconds,
      Cpu start,
      Process sim,
      BufferedReader fromSim,
      PrintStream toSim,
      List<String> exchanges)
      throws Exception {
    List<Double> cycleSeconds = new ArrayList<>();
    List<Long> latencies = new ArrayList<>();
    Double last = null;
    int series = 0;
    Cpu firstCycle = null;
    long giveUp = System.nanoTime() + PHASE_LIMIT.toNanos();
    while (cycleSeconds.size() < cycles && System.nanoTime() < giveUp) {
      long begin = System.nanoTime();
      MetricValues m = MetricValues.of(collector.collect());
      latencies.add(System.nanoTime() - begin);
      if (!m.has("kasa_scrape_duration_seconds")) {
        Thread.sleep(collectEveryMillis);
        continue; // the first cycle outlasted open()'s wait
      }
      double cycle = m.value("kasa_scrape_duration_seconds");
      if (last == null || cycle != last) {
        cycleSeconds.add(cycle);
        series = m.text().split("\n").length;
      }
      if (firstCycle == null) {
        firstCycle = Cpu.now(sim);
        exchanges.addAll(firstCycleExchanges(dead, fromSim, toSim));
      }
      last = cycle;
      Thread.sleep(collectEveryMillis);
    }
    Collections.sort(latencies);
    System.out.printf(
        Locale.ROOT,
        "| %d | %.2f | %.2f / %.2f | %s | %.2f | %.2f | %.2f | %d | %d | %s | %s |%n",
        dead,
        openSeconds,
        Collections.min(cycleSeconds),
        Collections.max(cycleSeconds),
        cycleSeconds.stream()
            .map(c -> String.format(Locale.ROOT, "%.2f", c))
            .collect(Collectors.joining(" ")),
        millis(latencies, 0.50),
        millis(latencies, 0.99),
        latencies.get(latencies.size() - 1) / 1e6,
        latencies.size(),
        series,
        firstCycle == null ? "-" : firstCycle.since(start),
        Cpu.now(sim).since(start));
  }

  /**
   * Table rows of the exchanges each live KLAP device saw so far (the first cycle), averaged per
   * profile; the dead ones' in one row.
   */
  private static List<String> firstCycleExchanges(
      int dead, BufferedReader fromSim, PrintStream toSim) throws Exception {
    toSim.println("counts");
    Map<String, int[]> sums = new TreeMap<>(); // devices, h1, h2, requests, refused
    for (String line = fromSim.readLine(); !"end".equals(line); line = fromSim.readLine()) {
      if (line == null) {
        throw new IllegalStateException("the simulated fleet ended while counting");
      }
      String[] f = line.split(" ");
      int[] sum =
          sums.computeIfAbsent(Boolean.parseBoolean(f[2]) ? "(dead)" : f[1], k -> new int[5]);
      sum[0]++;
      for (int i = 1; i < 5; i++) {
        sum[i] += Integer.parseInt(f[i + 2]);
      }
    }
    List<String> rows = new ArrayList<>();
    sums.forEach(
        (profile, sum) ->
            rows.add(
                String.format(
                    Locale.ROOT,
                    "| %d | %s | %d | %.2f | %.2f | %.2f | %.2f |",
                    dead,
                    profile,
                    sum[0],
                    sum[1] / (double) sum[0],
                    sum[2] / (double) sum[0],
                    sum[3] / (double) sum[0],
                    sum[4] / (double) sum[0])));
    return rows;
  }

  private static double millis(List<Long> sorted, double quantile) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size())))
        / 1e6;
  }
}
