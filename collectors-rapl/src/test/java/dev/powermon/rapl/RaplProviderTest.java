package dev.powermon.rapl;

import static dev.powermon.rapl.PowercapTree.AMD_MAX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ProbeResult;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector as the core drives it: ServiceLoader, probe, open, collect, close. */
class RaplProviderTest {
  @TempDir Path sysfs;

  private PowercapTree tree() {
    return new PowercapTree(sysfs)
        .zone("intel-rapl:0", "package-0", 1_000_000, AMD_MAX)
        .zone("intel-rapl:0:0", "core", 500_000, AMD_MAX)
        .zone("intel-rapl-mmio:0", "package-0", 1_000_000, AMD_MAX);
  }

  @Test
  void isFoundThroughServiceLoader() {
    assertThat(ServiceLoader.load(CollectorProvider.class).stream().map(p -> p.get().name()))
        .contains("rapl");
  }

  @Test
  void probeCountsZonesAndDuplicates() throws Exception {
    tree();
    try (TestContext ctx =
        TestContext.forProvider(new RaplProvider()).setting("sysfs", sysfs.toString()).build()) {
      ProbeResult r = new RaplProvider().probe(ctx);
      assertThat(r.isAvailable()).isTrue();
      assertThat(r.detail())
          .isEqualTo(
              "2 RAPL zones: package socket 0 (intel-rapl:0), core socket 0 (intel-rapl:0:0); 1"
                  + " duplicates left out");
    }
  }

  @Test
  void probeWithoutPowercapSaysSoPlainly() throws Exception {
    try (TestContext ctx =
        TestContext.forProvider(new RaplProvider()).setting("sysfs", sysfs.toString()).build()) {
      ProbeResult r = new RaplProvider().probe(ctx);
      assertThat(r.isAvailable()).isFalse();
      assertThat(r.detail())
          .startsWith(
              sysfs.resolve("class/powercap")
                  + " does not exist, so this machine exposes no RAPL zones.");
      assertThatThrownBy(() -> new RaplProvider().open(ctx))
          .isInstanceOf(IOException.class)
          .hasMessage(r.detail());
    }
  }

  @Test
  void permissionDeniedFailsProbeAndCollectButOpenKeepsRetrying() throws Exception {
    tree();
    FaultyFiles files = new FaultyFiles().fail("energy_uj", new AccessDeniedException("energy_uj"));
    RaplProvider provider = new RaplProvider(files);
    try (TestContext ctx =
        TestContext.forProvider(provider)
            .setting("sysfs", sysfs.toString())
            .setting("interval", "20ms")
            .build()) {
      ProbeResult probe = provider.probe(ctx);
      assertThat(probe.isAvailable()).isFalse();
      assertThat(probe.detail()).contains("permission denied", "udev", "tmpfiles", "root");
      try (Collector collector = provider.open(ctx)) {
        assertThatThrownBy(collector::collect)
            .isInstanceOf(IOException.class)
            .hasMessage(probe.detail());
        files.heal();
        MetricValues m = Poll.until(collector, v -> v.has("powermon_power_watts"));
        assertThat(m.value("powermon_rapl_zone_success", "rapl_zone", "intel-rapl:0"))
            .isEqualTo(1.0);
      }
    }
  }

  @Test
  void collectServesTheBackgroundSamplersReadings() throws Exception {
    tree();
    try (TestContext ctx =
            TestContext.forProvider(new RaplProvider())
                .setting("sysfs", sysfs.toString())
                .setting("interval", "1h")
                .hostname("node-7")
                .build();
        Collector collector = new RaplProvider().open(ctx)) {
      MetricValues m = MetricValues.of(collector.collect());
      // open() took the first sample: counters start at 0 J, no power before a second sample
      assertThat(
              m.value(
                  "powermon_energy_joules_total",
                  "domain",
                  "total",
                  "device",
                  "node-7",
                  "source",
                  "rapl"))
          .isZero();
      assertThat(m.has("powermon_power_watts")).isFalse();
      assertThat(collector.summary())
          .containsExactly(
              "2 RAPL zones: package socket 0 (intel-rapl:0), core socket 0 (intel-rapl:0:0); 1"
                  + " duplicates left out");
    }
  }

  @Test
  void everyEmittedFamilyIsDeclared() throws Exception {
    PowercapTree tree = tree().constraint("intel-rapl:0", 0, "long_term", 1_000_000);
    RaplProvider provider = new RaplProvider();
    Harness h = new Harness(tree).sample();
    tree.energy("intel-rapl:0", AMD_MAX - 10)
        .energy("intel-rapl:0:0", 1)
        .file("intel-rapl:0:0", "energy_uj", "junk");
    h.sample();
    tree.energy("intel-rapl:0", 5);
    h.sample();
    tree.energy("intel-rapl:0", 6);
    h.sample();
    var declared = provider.metrics().stream().map(MetricSpec::name).collect(Collectors.toSet());
    assertThat(h.metrics().names())
        .hasSize(declared.size() - 1)
        .allMatch(declared::contains); // all but dropped samples
    assertThat(provider.metrics().stream().filter(s -> s.type() == MetricSpec.Type.COUNTER))
        .allMatch(s -> s.name().endsWith("_total"));
  }
}
