package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.runtime.Providers;
import dev.powermon.exporter.testcollectors.SampledProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Power from readings over real HTTP: the gauge is the mean over a fixed 10 s window ending at the
 * latest reading, so two scrapers see the same numbers; a spike shows in the window max for 60 s.
 */
class PowerWindowEndToEndTest {
  private static final String SERIES = "{device=\"lab\",domain=\"total\",source=\"sampled\"} ";

  @Test
  void twoScrapersSeeTheSameFixedWindowAndASpikeShowsInItsMax() throws Exception {
    try (Server server = sampled()) {
      String metrics = "http://127.0.0.1:" + server.port() + "/metrics";
      SampledProvider.feed(1_000, 100.0);
      SampledProvider.feed(1_100, 101.0); //   1 J in 100 ms:   10 W
      SampledProvider.feed(1_200, 201.0); // 100 J in 100 ms: 1000 W, the spike
      SampledProvider.feed(2_000, 209.0); //   8 J in 800 ms:   10 W

      String first = Http.get(metrics).body();
      String second = Http.get(metrics).body(); // another scraper, right after

      // mean = (209 - 100) J / (2.000 - 1.000) s = 109 W; the energy counter is the reading itself
      for (String body : new String[] {first, second}) {
        assertThat(body)
            .contains("powermon_power_window_max_watts" + SERIES + "1000.0")
            .contains("powermon_power_window_min_watts" + SERIES + "10.0")
            .contains("powermon_power_watts" + SERIES + "109.0")
            .contains("powermon_energy_joules_total" + SERIES + "209.0")
            .contains("powermon_source_info{class=\"wall\",source=\"sampled\"} 1");
      }
      assertThat(Promtool.checkMetrics(first)).isEmpty();

      SampledProvider.feed(12_000, 309.0); // 100 J in 10 s: the mean's window now starts at 2.000

      // (309 - 209) J / (12.000 - 2.000) s = 10 W; the spike at 1.200 has left the mean's 10 s
      // window but
      // stays in the extremes' 60 s, so a scraper every 15 s sees it too
      assertThat(Http.get(metrics).body())
          .contains("powermon_power_window_max_watts" + SERIES + "1000.0")
          .contains("powermon_power_watts" + SERIES + "10.0");

      SampledProvider.feed(62_000, 809.0); // 500 J in 50 s: 10 W; second 1 is more than 60 s back

      assertThat(Http.get(metrics).body())
          .contains("powermon_power_window_max_watts" + SERIES + "10.0");
    }
  }

  @Test
  void wattReadingsAreIntegratedByTheTrapezoidRule() throws Exception {
    try (Server server = sampled()) {
      String metrics = "http://127.0.0.1:" + server.port() + "/metrics";
      SampledProvider.feedWatts(0, 10.0);
      SampledProvider.feedWatts(2_000, 30.0); // (10 + 30) / 2 W x 2 s = 40 J
      SampledProvider.feedWatts(3_000, 30.0); // 30 W x 1 s = 30 J

      // energy 70 J; mean = 70 J / 3 s; extremes are the readings
      assertThat(Http.get(metrics).body())
          .contains("powermon_energy_joules_total" + SERIES + "70.0")
          .contains("powermon_power_watts" + SERIES + (70.0 / 3))
          .contains("powermon_power_window_max_watts" + SERIES + "30.0")
          .contains("powermon_power_window_min_watts" + SERIES + "10.0");
    }
  }

  @Test
  void aSamplerThatStopsMakesItsCollectorFailAndItsPowerIsWithheld() throws Exception {
    try (Server server = sampled("--collector.sampled.interval=20ms")) {
      String metrics = "http://127.0.0.1:" + server.port() + "/metrics";
      String body = "";
      for (int i = 0;
          i < 200 && !body.contains("powermon_power_watts" + SERIES);
          i++) { // bounded: 20 s
        Thread.sleep(100);
        body = Http.get(metrics).body();
      }
      assertThat(body)
          .contains("powermon_collector_success{collector=\"sampled\"} 1")
          .contains("powermon_collector_last_sample_timestamp_seconds{collector=\"sampled\"}");

      SampledProvider.stopSampling();
      for (int i = 0;
          i < 200 && !body.contains("powermon_collector_success{collector=\"sampled\"} 0");
          i++) {
        Thread.sleep(100); // bounded: 20 s; three intervals are 60 ms
        body = Http.get(metrics).body();
      }

      assertThat(body)
          .contains("powermon_collector_success{collector=\"sampled\"} 0")
          .doesNotContain("powermon_power_watts" + SERIES)
          .doesNotContain("powermon_energy_joules_total" + SERIES);
      assertThat(Http.get("http://127.0.0.1:" + server.port() + "/").body())
          .contains("no fresh reading since");
    }
  }

  @Test
  void aProbeAnswersThePowerItsCollectorReadForTheTarget() throws Exception {
    try (Server server = sampled()) {
      SampledProvider.feed(1_000, 100.0); // the lab series, read before the probe

      String probe =
          Http.get("http://127.0.0.1:" + server.port() + "/probe?collector=sampled&target=plug-a")
              .body();

      assertThat(probe)
          .contains(
              "powermon_power_watts{device=\"plug-a\",domain=\"total\",source=\"sampled\"} 12.0")
          .contains("powermon_probe_success 1.0")
          .doesNotContain("device=\"lab\"");
    }
  }

  /** powermon with only the sampled test collector, on an ephemeral port. */
  private static Server sampled(String... flags) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--collector",
                "sampled",
                "--web.listen-address=127.0.0.1:0",
                "--web.admin-address=off"));
    args.addAll(List.of(flags));
    return Server.start(Cli.setup(Providers.discover(), args.toArray(String[]::new)));
  }
}
