package dev.powermon.rapl;

import static dev.powermon.rapl.PowercapTree.AMD_MAX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.PowerSampleSink;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import io.prometheus.metrics.model.snapshots.Labels;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every sample the background sampler takes reaches the core's sink, series by series. */
class HighRateSamplesTest {
  @TempDir Path sysfs;

  /** What the sink got: one reading of one series. */
  record Reading(String device, String domain, Labels extra, long millis, double joules) {}

  @Test
  void everySampleHandsEverySeriesEnergyToTheSink() throws Exception {
    PowercapTree tree =
        new PowercapTree(sysfs)
            .zone("intel-rapl:0", "package-0", 1_000_000, AMD_MAX)
            .zone("intel-rapl:0:0", "core", 500_000, AMD_MAX);
    List<Reading> readings = new CopyOnWriteArrayList<>();
    try (TestContext test =
            TestContext.forProvider(new RaplProvider())
                .setting("sysfs", sysfs.toString())
                .setting("interval", "10ms")
                .hostname("node-7")
                .build();
        Collector collector =
            new RaplProvider()
                .open(
                    recording(
                        test,
                        (device, domain, extra, millis, joules) ->
                            readings.add(new Reading(device, domain, extra, millis, joules))))) {
      tree.energy("intel-rapl:0", 3_000_000); // +2 J
      MetricValues m =
          Poll.until(
              collector, v -> v.value("powermon_energy_joules_total", "domain", "package") == 2.0);
      Poll.until(collector, v -> last(readings, "package").joules() == 2.0);

      assertThat(readings).extracting(Reading::domain).contains("package", "core", "total");
      assertThat(readings).extracting(Reading::device).containsOnly("node-7");
      assertThat(last(readings, "package").extra().get("socket")).isEqualTo("0");
      assertThat(last(readings, "total").joules()).isEqualTo(2.0); // package + core: 2 + 0 J
      assertThat(m.value("powermon_energy_joules_total", "domain", "total")).isEqualTo(2.0);
      List<Long> times =
          readings.stream().filter(r -> r.domain().equals("core")).map(Reading::millis).toList();
      assertThat(times).isSorted().hasSizeGreaterThanOrEqualTo(2);
    }
  }

  private static Reading last(List<Reading> readings, String domain) {
    Reading last = null;
    for (Reading r : readings) {
      if (r.domain().equals(domain)) {
        last = r;
      }
    }
    return last == null ? new Reading("", domain, Labels.EMPTY, 0, -1) : last;
  }

  /** {@code test} with a sink that records what the sampler hands over. */
  private static CollectorContext recording(TestContext test, PowerSampleSink sink) {
    return (CollectorContext)
        Proxy.newProxyInstance(
            CollectorContext.class.getClassLoader(),
            new Class<?>[] {CollectorContext.class},
            (proxy, method, args) ->
                method.getName().equals("powerSamples") && args[0].equals("rapl")
                    ? sink
                    : method.invoke(test, args));
  }
}
