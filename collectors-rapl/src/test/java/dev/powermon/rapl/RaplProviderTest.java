package dev.powermon.rapl;

import static dev.powermon.rapl.PowercapTree.AMD_MAX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import dev.powermon.api.ProbeResult;
import dev.powermon.testkit.DeclarationCheck;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
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
        MetricValues m =
            Poll.until(collector, ctx.readings("rapl"), v -> v.has("powermon_power_watts"));
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
      MetricValues m = Served.of(collector, ctx.readings("rapl"));
      // open() took two samples of a static tree: counters start at 0 J, and power is already known
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
      assertThat(m.value("powermon_power_watts", "domain", "total")).isZero();
      assertThat(collector.summary())
          .containsExactly(
              "2 RAPL zones: package socket 0 (intel-rapl:0), core socket 0 (intel-rapl:0:0); 1"
                  + " duplicates left out");
    }
  }

  @Test
  void theLiveCollectorEmitsOnlyWhatItDeclares() throws Exception {
    tree();
    RaplProvider provider = new RaplProvider();
    try (TestContext ctx =
            TestContext.forProvider(provider)
                .setting("sysfs", sysfs.toString())
                .setting("interval", "1h")
                .build();
        Collector collector = provider.open(ctx)) {
      DeclarationCheck.assertEmitsOnlyDeclared(provider, collector.collect());
      // the readings' extra labels are checked against the declaration as they are handed over
      assertThat(ctx.readings("rapl").all()).isNotEmpty();
      assertThat(PowerFamilies.declaredExtras(provider.metrics())).containsExactly("socket", "die");
    }
  }

  @Test
  void anIntervalUnderTheFloorIsRefusedWhenTheSettingIsRead() {
    assertThatThrownBy(
            () ->
                TestContext.forProvider(new RaplProvider())
                    .setting("sysfs", sysfs.toString())
                    .setting("interval", "0s")
                    .build())
        .hasMessageContaining("must be at least 10ms, got 0s");
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
    MetricSnapshots own = RaplCollector.families(h.readings()).snapshots();
    DeclarationCheck.assertEmitsOnlyDeclared(provider, own);
    var declared = provider.metrics().stream().map(MetricSpec::name).collect(Collectors.toSet());
    assertThat(h.metrics().names())
        .hasSize(declared.size() - 1)
        .allMatch(declared::contains); // all but dropped samples
    assertThat(provider.metrics().stream().filter(s -> s.type() == MetricSpec.Type.COUNTER))
        .allMatch(s -> s.name().endsWith("_total"));
  }
}
