package dev.powermon.jetson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.powermon.api.Collector;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector against a fake tegrastats that prints, dies, prints garbage, and comes back. */
class TegrastatsSupervisionTest {
  private static final String FIRST =
      "RAM 3000/7620MB CPU [20%@729,off] tj@50C VDD_IN 4000mW/4000mW VDD_SOC 1000mW/1000mW";
  private static final String STEADY =
      "02-01-2026 10:00:00 RAM 3300/7620MB (lfb 6x2MB) SWAP 0/3810MB (cached 0MB) CPU [30%@1510,10%@1510] "
          + "GR3D_FREQ 45%@[612] cpu@60.5C gpu@-256C VDD_IN 6000mW/5000mW VDD_SOC 1250mW/1249mW NEWTOKEN";
  private final JetsonProvider provider = new JetsonProvider();
  @TempDir Path root;

  @Test
  void restartsWhenItDiesCountsBadLinesAndKeepsServing() throws Exception {
    FakeTegrastats fake =
        new FakeTegrastats(root)
            .run(1, FIRST + "\nSegmentation fault\n")
            .run(2, "RAM 1000/3964MB CPU [9%@14") // dies mid-line
            .steady(STEADY);
    try (TestContext ctx = context(fake.install());
        Collector c = provider.open(ctx)) {
      Poll.until("the third run's lines", () -> fake.runs() >= 3 && watts(ctx, "total") == 6.0);
      MetricValues v = MetricValues.of(c.collect());

      assertThat(fake.args()).isEqualTo("--interval 100");
      assertThat(v.value("jetson_tegrastats_up")).isEqualTo(1.0);
      assertThat(v.value("jetson_tegrastats_restarts_total")).isEqualTo(2.0);
      // "Segmentation fault" (no RAM, no CPU) and run 2's line cut by its death
      assertThat(v.value("jetson_tegrastats_dropped_lines_total", "reason", "unparsable"))
          .isEqualTo(1.0);
      assertThat(v.value("jetson_tegrastats_dropped_lines_total", "reason", "cut_short"))
          .isEqualTo(1.0);
      // "Segmentation", "fault", NEWTOKEN...
      assertThat(v.value("jetson_tegrastats_unknown_tokens_total")).isGreaterThanOrEqualTo(3.0);
      assertThat(v.value("jetson_tegrastats_lines_total")).isGreaterThanOrEqualTo(4.0);
      assertThat(watts(ctx, "VDD_IN")).isEqualTo(6.0); // from tegrastats: no sysfs
      assertThat(watts(ctx, "VDD_SOC")).isEqualTo(1.25);
      assertThat(v.value("jetson_temperature_celsius", "sensor", "cpu")).isEqualTo(60.5);
      assertThat(v.value("jetson_cpu_usage_ratio", "cpu", "1")).isEqualTo(0.1);
      assertThat(v.value("jetson_swap_total_bytes")).isEqualTo(3810.0 * 1048576);

      // the first run's line reached the core too, as the reading of its own moment
      assertThat(ctx.readings("jetson").of("test-host", "VDD_IN"))
          .extracting(r -> r.watts())
          .startsWith(4.0);
      assertThat(c.samplingInterval())
          .isPresent(); // tegrastats prints rails: the core judges staleness
      assertThat(c.summary()).contains("temperature sensors: cpu; offline: gpu");
    }
  }

  @Test
  void tegrastatsThatNeverPrintsAGoodLineFailsTheScrapeWithTheReason() throws Exception {
    Path broken = root.resolve("tegrastats");
    Files.writeString(broken, "#!/bin/sh\necho 'tegrastats: permission denied'\nexit 2\n");
    Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwx------"));
    try (TestContext ctx = context(broken);
        Collector c = provider.open(ctx)) {
      assertThatExceptionOfType(IOException.class)
          .isThrownBy(c::collect)
          .withMessageStartingWith("no fresh reading since the collector started: ")
          .withMessageContaining(broken + " has printed no good line")
          .withMessageContaining("run it by hand");
      assertThat(c.summary()).anySatisfy(s -> assertThat(s).contains("unparsable"));
    }
  }

  private TestContext context(Path tegrastats) {
    return TestContext.forProvider(provider)
        .setting("sysfs", root.resolve("empty-sys").toString())
        .setting("tegrastats", tegrastats.toString())
        .setting("interval", "100ms")
        .build();
  }

  private static double watts(TestContext ctx, String domain) {
    try {
      return ctx.readings("jetson").last("test-host", domain).watts();
    } catch (AssertionError e) {
      return -1;
    }
  }
}
