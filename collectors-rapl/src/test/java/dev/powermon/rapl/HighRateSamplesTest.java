package dev.powermon.rapl;

import static dev.powermon.rapl.PowercapTree.AMD_MAX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.Collector;
import dev.powermon.api.MeterClass;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.RecordedReadings;
import dev.powermon.testkit.RecordedReadings.Reading;
import dev.powermon.testkit.TestContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sample the background sampler takes reaches the core as energy readings ({@code
 * PowerReadings}, meter class component), series by series, at their own timestamps.
 */
class HighRateSamplesTest {
  @TempDir Path sysfs;

  @Test
  void everySampleHandsEverySeriesEnergyToTheCore() throws Exception {
    PowercapTree tree =
        new PowercapTree(sysfs)
            .zone("intel-rapl:0", "package-0", 1_000_000, AMD_MAX)
            .zone("intel-rapl:0:0", "core", 500_000, AMD_MAX);
    try (TestContext ctx =
            TestContext.forProvider(new RaplProvider())
                .setting("sysfs", sysfs.toString())
                .setting("interval", "10ms")
                .hostname("node-7")
                .build();
        Collector collector = new RaplProvider().open(ctx)) {
      RecordedReadings readings = ctx.readings("rapl");
      tree.energy("intel-rapl:0", 3_000_000); // +2 J
      MetricValues m =
          Poll.until(
              collector,
              readings,
              v -> v.value("powermon_energy_joules_total", "domain", "package") == 2.0);

      assertThat(readings.meterClass()).isEqualTo(MeterClass.COMPONENT);
      assertThat(readings.all()).extracting(Reading::domain).contains("package", "core", "total");
      assertThat(readings.all()).extracting(Reading::device).containsOnly("node-7");
      assertThat(readings.all()).extracting(Reading::watts).allMatch(w -> w.isNaN());
      Reading pkg = readings.last("node-7", "package");
      assertThat(pkg.extra().get("socket")).isEqualTo("0");
      assertThat(pkg.extra().get("die")).isEmpty();
      assertThat(readings.last("node-7", "total").extra().get("socket")).isEmpty();
      assertThat(m.value("powermon_energy_joules_total", "domain", "total"))
          .isEqualTo(2.0); // package + core: 2 + 0 J
      List<Long> times = readings.of("node-7", "core").stream().map(Reading::epochMillis).toList();
      assertThat(times).isSorted().hasSizeGreaterThanOrEqualTo(2);
    }
  }
}
