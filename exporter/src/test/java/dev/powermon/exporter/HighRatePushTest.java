package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.push.ReceiverProcess;
import dev.powermon.exporter.runtime.Providers;
import dev.powermon.exporter.testcollectors.SampledProvider;
import java.nio.file.Path;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sampler at 20 ms pushed through remote-write with a 1 s push interval: a real Prometheus stores
 * every reading with its own timestamp, many per push interval, with the values produced.
 */
class HighRatePushTest {
  private static final String SERIES =
      "{job=\"powermon\",instance=\"lab-box\",source=\"sampled\",domain=\"total\"}";

  @TempDir Path dir;

  @Test
  void everyReadingArrivesWithItsOwnTimestamp() throws Exception {
    TreeMap<Long, Double> energy = new TreeMap<>();
    TreeMap<Long, Double> power;
    try (ReceiverProcess prometheus = ReceiverProcess.prometheus(dir)) {
      try (Server server =
          Server.start(
              Cli.setup(
                  Providers.discover(),
                  "--collector",
                  "sampled",
                  "--collector.sampled.interval=20ms",
                  "--collector.sampled.watts=40",
                  "--web.listen-address=127.0.0.1:0",
                  "--web.admin-address=off",
                  "--push.remote-write.url=" + prometheus.writeUrl(),
                  "--push.interval=1s",
                  "--push.instance=lab-box"))) {
        for (int i = 0; i < 600 && energy.size() < 100; i++) { // bounded: 60 s
          Thread.sleep(100);
          energy = prometheus.samples("powermon_energy_joules_total" + SERIES);
        }
      } // closing flushes what is queued
      energy = prometheus.samples("powermon_energy_joules_total" + SERIES);
      power = prometheus.samples("powermon_power_watts" + SERIES);
    }

    assertThat(energy).hasSizeGreaterThanOrEqualTo(100);
    assertThat(SampledProvider.PRODUCED)
        .containsAllEntriesOf(energy); // only readings, each with its own time
    long firstSecond = energy.subMap(energy.firstKey(), energy.firstKey() + 1000).size();
    assertThat(firstSecond)
        .as("readings in one push interval")
        .isGreaterThan(10); // 1 s / 20 ms = 50 at best
    // Each power sample is the step from the previous reading (stamped with the later one): 40 W
    // throughout.
    assertThat(power).hasSizeGreaterThanOrEqualTo(energy.size() - 1);
    assertThat(SampledProvider.PRODUCED.keySet()).containsAll(power.keySet());
    assertThat(power.values()).allSatisfy(w -> assertThat(w).isCloseTo(40.0, within(1e-6)));
  }
}
