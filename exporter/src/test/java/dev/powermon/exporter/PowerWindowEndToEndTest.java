package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.runtime.Providers;
import dev.powermon.exporter.testcollectors.SampledProvider;
import org.junit.jupiter.api.Test;

/** Per-window statistics over real HTTP: a spike between two scrapes, fed reading by reading. */
class PowerWindowEndToEndTest {
  private static final String SERIES = "{device=\"lab\",domain=\"total\",source=\"sampled\"} ";

  @Test
  void aSpikeBetweenTwoScrapesShowsInTheWindowMaxAndTheMeanIsEnergyOverTime() throws Exception {
    try (Server server = Server.start(Cli.setup(Providers.discover(), "--collector", "sampled",
        "--web.listen-address=127.0.0.1:0", "--web.admin-address=off"))) {
      String metrics = "http://127.0.0.1:" + server.port() + "/metrics";
      SampledProvider.feed(1_000, 100.0);
      SampledProvider.feed(1_100, 101.0); //   1 J in 100 ms:   10 W
      SampledProvider.feed(1_200, 201.0); // 100 J in 100 ms: 1000 W, the spike
      SampledProvider.feed(2_000, 209.0); //   8 J in 800 ms:   10 W

      String first = Http.get(metrics).body();

      // mean = (209 - 100) J / (2.000 - 1.000) s = 109 W, where the collector's own gauge says 40
      assertThat(first)
          .contains("powermon_power_window_max_watts" + SERIES + "1000.0")
          .contains("powermon_power_window_min_watts" + SERIES + "10.0")
          .contains("powermon_power_watts" + SERIES + "109.0");
      assertThat(Promtool.checkMetrics(first)).isEmpty();

      SampledProvider.feed(3_000, 219.0); // 10 J in 1 s: the spike belonged to the last window

      assertThat(Http.get(metrics).body())
          .contains("powermon_power_window_max_watts" + SERIES + "10.0")
          .contains("powermon_power_watts" + SERIES + "10.0");
      // Nothing new since: no window, the collector's own reading is served again.
      assertThat(Http.get(metrics).body())
          .doesNotContain("powermon_power_window_max_watts" + SERIES)
          .contains("powermon_power_watts" + SERIES + "40.0");
    }
  }
}
