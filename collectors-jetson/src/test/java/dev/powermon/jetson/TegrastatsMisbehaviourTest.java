package dev.powermon.jetson;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.powermon.api.Collector;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A tegrastats that floods, prints garbage, invents names, falls silent or is stopped: the
 * collector stays bounded, correct and quiet. Every wait polls; nothing asserts how long something
 * took.
 */
class TegrastatsMisbehaviourTest {
  private static final String GOOD =
      "RAM 3300/7620MB CPU [30%@1510,10%@1510] GR3D_FREQ 45%@[612] cpu@60.5C VDD_IN 6000mW/5000mW"
          + " VDD_SOC 1250mW/1249mW";
  private final JetsonProvider provider = new JetsonProvider();
  private final Logger log = (Logger) LoggerFactory.getLogger("collector.jetson");
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  @TempDir Path root;

  @BeforeEach
  void captureLog() {
    logged.start();
    log.addAppender(logged);
  }

  @AfterEach
  void releaseLog() {
    log.detachAppender(logged);
  }

  @Test
  void aFloodOfGoodLinesIsReadAtBoundedCostAndStaysRight() throws Exception {
    FakeTegrastats fake = new FakeTegrastats(root).file("line.txt", GOOD + "\n");
    Path tegrastats = fake.installScript("exec yes \"$(cat \"$dir/line.txt\")\"");
    long started = System.nanoTime();
    try (TestContext ctx = context(tegrastats);
        Collector c = provider.open(ctx)) {
      Poll.until(
          "lines beyond the rate to be dropped",
          () -> counter(c, "jetson_tegrastats_dropped_lines_total", "reason", "rate") > 1000);
      MetricValues v = MetricValues.of(c.collect());
      long windows = (System.nanoTime() - started) / 100_000_000L + 2;

      assertThat(v.value("jetson_temperature_celsius", "sensor", "cpu")).isEqualTo(60.5);
      assertThat(ctx.readings("jetson").last("test-host", "total").watts()).isEqualTo(6.0);
      assertThat(v.value("jetson_cpu_usage_ratio", "cpu", "0")).isEqualTo(0.3);
      // an upper bound only: a slow machine reads less, never more than the pacer's budget per
      // window
      double bytesRead = v.value("jetson_tegrastats_lines_total") * (GOOD.length() + 1);
      assertThat(bytesRead).isLessThanOrEqualTo((double) windows * ReadPacer.BYTES_PER_WINDOW);
    }
  }

  @Test
  void overlongLinesAreCutAndCountedAndTheGoodOnesBetweenThemRead() throws Exception {
    FakeTegrastats fake =
        new FakeTegrastats(root).file("lines.txt", GOOD + "\n" + "x".repeat(5000) + "\n");
    Path tegrastats = fake.installScript("exec yes \"$(cat \"$dir/lines.txt\")\"");
    try (TestContext ctx = context(tegrastats);
        Collector c = provider.open(ctx)) {
      Poll.until(
          "overlong lines to be counted",
          () -> counter(c, "jetson_tegrastats_dropped_lines_total", "reason", "too_long") > 10);
      MetricValues v = MetricValues.of(c.collect());

      assertThat(ctx.readings("jetson").last("test-host", "VDD_SOC").watts()).isEqualTo(1.25);
      assertThat(v.value("jetson_tegrastats_up")).isEqualTo(1.0);
    }
  }

  @Test
  void randomBytesAreDroppedAndTheLastGoodLineGoesStale() throws Exception {
    FakeTegrastats fake = new FakeTegrastats(root).file("line.txt", GOOD + "\n");
    Path tegrastats = fake.installScript("cat \"$dir/line.txt\"\nexec cat /dev/urandom");
    try (TestContext ctx = context(tegrastats);
        Collector c = provider.open(ctx)) {
      Poll.until(
          "garbage to be dropped",
          () ->
              counter(c, "jetson_tegrastats_dropped_lines_total", "reason", "rate") > 100
                  && counter(c, "jetson_tegrastats_dropped_lines_total", "reason", "unparsable")
                      > 0);
      Poll.until("the good line to go stale", () -> gauge(c, "jetson_tegrastats_up") == 0);

      assertThat(MetricValues.of(c.collect()).has("jetson_temperature_celsius")).isFalse();
      assertThat(ctx.readings("jetson").of("test-host", "VDD_IN"))
          .hasSize(1); // the one good line, nothing since
      assertThat(c.samplingInterval())
          .isPresent(); // so the core reports it stale and withholds the power
    }
  }

  @Test
  void silentButAliveTegrastatsHandsTheCoreNoFurtherReadings() throws Exception {
    FakeTegrastats fake = new FakeTegrastats(root).file("line.txt", GOOD + "\n");
    Path tegrastats = fake.installScript("cat \"$dir/line.txt\"\nexec sleep 600");
    try (TestContext ctx = context(tegrastats);
        Collector c = provider.open(ctx)) {
      assertThat(ctx.readings("jetson").last("test-host", "total").watts()).isEqualTo(6.0);

      Poll.until("the line to go stale", () -> gauge(c, "jetson_tegrastats_up") == 0);

      assertThat(ctx.readings("jetson").of("test-host", "total")).hasSize(1);
      assertThat(c.samplingInterval()).isPresent();
      assertThat(MetricValues.of(c.collect()).has("jetson_temperature_celsius")).isFalse();
    }
  }

  @Test
  void silentTegrastatsNextToReadableRailsCostsOnlyItsOwnSeries() throws Exception {
    SysfsTree tree = new SysfsTree(root.resolve("board")).jetpack5OrinNano();
    FakeTegrastats fake = new FakeTegrastats(root).file("line.txt", GOOD + "\n");
    Path tegrastats = fake.installScript("cat \"$dir/line.txt\"\nexec sleep 600");
    try (TestContext ctx = context(tegrastats, tree.sysfs());
        Collector c = provider.open(ctx)) {
      Poll.until("the line", () -> JetsonCollectorTest.has(c, "jetson_temperature_celsius"));
      Poll.until("tegrastats to count as silent", () -> gauge(c, "jetson_tegrastats_up") == 0);
      MetricValues v = MetricValues.of(c.collect());

      assertThat(v.has("jetson_temperature_celsius")).isFalse();
      assertThat(ctx.readings("jetson").last("test-host", "total").watts()).isEqualTo(5.08);
      assertThat(warnings()).anySatisfy(w -> assertThat(w).contains("no good line since 20"));
    }
  }

  @Test
  void newNamesOnEveryLineAreTrackedUpToTheLimitAndCounted() throws Exception {
    FakeTegrastats fake =
        new FakeTegrastats(root)
            .file("first.txt", namesLine(100) + "\n")
            .file("next.txt", namesLine(150) + "\n");
    Path tegrastats =
        fake.installScript(
            "cat \"$dir/first.txt\"\ni=0\nwhile [ \"$i\" -lt 600 ]; do cat \"$dir/next.txt\"; sleep 0.1; i=$((i+1)); done");
    try (TestContext ctx = context(tegrastats);
        Collector c = provider.open(ctx)) {
      // the first line: 64 of 100 names tracked, 36 dropped; every next line: 64 of 150, 86 dropped
      Poll.until(
          "the next line's names to be refused",
          () -> counter(c, "jetson_untracked_readings_total", "kind", "sensor") >= 36 + 86);
      MetricValues v = MetricValues.of(c.collect());

      assertThat(v.series("jetson_temperature_celsius")).hasSize(NameLimits.PER_KIND);
      assertThat(v.value("jetson_temperature_celsius", "sensor", "s0063")).isEqualTo(40.0);
      assertThat(v.series("jetson_temperature_celsius", "sensor", "s0064")).isEmpty();
      // no input rail, so no total: one series per tracked rail
      assertThat(ctx.readings("jetson").all().stream().map(r -> r.domain()).distinct())
          .hasSize(NameLimits.PER_KIND);
      assertThat(counter(c, "jetson_untracked_readings_total", "kind", "rail"))
          .isGreaterThanOrEqualTo(36 + 86);
      assertThat(warnings()).filteredOn(w -> w.contains("distinct sensor names")).hasSize(1);
    }
  }

  @Test
  void closingIsNotACrash() throws Exception {
    Running r = runningSteady();

    r.close();

    Poll.until(
        "the fake to be gone", () -> ProcessHandle.of(r.pid()).map(p -> !p.isAlive()).orElse(true));
    assertThat(warnings()).isEmpty();
  }

  @Test
  void aStopSignalToTheWholeGroupAtShutdownIsNotACrash() throws Exception {
    Running r = runningSteady();

    // systemd and Ctrl-C signal the child as well as the JVM, which then closes the collector
    ProcessHandle.of(r.pid()).ifPresent(ProcessHandle::destroy);
    r.close();

    assertThat(warnings()).noneMatch(w -> w.contains("exited with code"));
  }

  /** An open collector whose fake tegrastats prints {@link #GOOD} steadily, and the fake's PID. */
  private record Running(TestContext ctx, Collector collector, long pid) {
    void close() throws InterruptedException {
      collector.close();
      ctx.close();
    }
  }

  private Running runningSteady() throws Exception {
    FakeTegrastats fake = new FakeTegrastats(root).steady(GOOD);
    TestContext ctx = context(fake.install());
    Collector c = provider.open(ctx);
    Poll.until("the fake to start", () -> fake.pid().isPresent());
    return new Running(ctx, c, fake.pid().getAsLong());
  }

  /** One line naming {@code count} sensors and as many rails, numbered from 0. */
  private static String namesLine(int count) {
    StringBuilder line = new StringBuilder("RAM 1/2MB CPU [1%@1]");
    for (int i = 0; i < count; i++) {
      line.append(String.format(" s%04d@40C R_%04d 1/1", i, i));
    }
    return line.toString();
  }

  private java.util.List<String> warnings() {
    return logged.list.stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .map(ILoggingEvent::getFormattedMessage)
        .collect(java.util.stream.Collectors.toList());
  }

  private TestContext context(Path tegrastats) {
    return context(tegrastats, root.resolve("empty-sys"));
  }

  private TestContext context(Path tegrastats, Path sysfs) {
    return TestContext.forProvider(provider)
        .setting("sysfs", sysfs.toString())
        .setting("tegrastats", tegrastats.toString())
        .setting("interval", "100ms")
        .build();
  }

  private static double counter(Collector c, String family, String... labels) {
    try {
      MetricValues v = MetricValues.of(c.collect());
      return v.series(family, labels).isEmpty() ? 0 : v.value(family, labels);
    } catch (Exception e) {
      return 0;
    }
  }

  private static double gauge(Collector c, String family) {
    return counter(c, family);
  }
}
