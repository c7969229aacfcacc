package dev.powermon.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.PowerSampleSink;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The estimate's readings reach the core's sink when the estimate is served, and only then. */
class HighRateSamplesTest {
  /** What the sink got: one reading of one series. */
  record Reading(String source, String device, String domain, long millis, double joules) {}

  private final List<Reading> readings = new CopyOnWriteArrayList<>();

  @Test
  void everyEstimateIsHandedOverAsTheEnergyOfTheServedSeries() throws Exception {
    HostProvider provider = new HostProvider(() -> new FakeHostSource(1, 2));
    try (TestContext test = TestContext.forProvider(provider).hostname("box").setting("interval", "500ms").build();
        Collector collector = provider.open(recording(test))) {
      long deadline = System.currentTimeMillis() + 30_000;
      while (readings.size() < 2 && System.currentTimeMillis() < deadline) { // bounded: 30 s
        Thread.sleep(20);
      }
      double served = MetricValues.of(collector.collect())
          .value("powermon_energy_joules_total", "source", "estimate");
      while (readings.stream().noneMatch(r -> r.joules() == served) && System.currentTimeMillis() < deadline) {
        Thread.sleep(20); // the reading is handed over just after the collector publishes it
      }

      assertThat(readings).hasSizeGreaterThanOrEqualTo(2)
          .allSatisfy(r -> assertThat(r).extracting(Reading::source, Reading::device, Reading::domain)
              .containsExactly("estimate", "box", "total"));
      assertThat(readings).extracting(Reading::joules).isSorted();
      assertThat(readings).extracting(Reading::millis).isSorted();
      assertThat(readings).extracting(Reading::joules).contains(served);
    }
  }

  @Test
  void aHiddenEstimateHandsNothingOver() throws Exception {
    HostProvider provider = new HostProvider(() -> new FakeHostSource(1, 2));
    try (TestContext test = TestContext.forProvider(provider).hostPowerMeasured(true).build();
        Collector collector = provider.open(recording(test))) {
      assertThat(MetricValues.of(collector.collect()).has("powermon_power_watts")).isFalse();
      assertThat(readings).isEmpty();
    }
  }

  /** {@code test} with a sink that records what the sampler hands over. */
  private CollectorContext recording(TestContext test) {
    return (CollectorContext) Proxy.newProxyInstance(CollectorContext.class.getClassLoader(),
        new Class<?>[] {CollectorContext.class},
        (proxy, method, args) -> method.getName().equals("powerSamples")
            ? (PowerSampleSink) (device, domain, extra, millis, joules) ->
                readings.add(new Reading((String) args[0], device, domain, millis, joules))
            : method.invoke(test, args));
  }
}
