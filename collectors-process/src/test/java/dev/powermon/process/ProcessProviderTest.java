package dev.powermon.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.api.ProbeResult;
import dev.powermon.api.Settings;
import dev.powermon.testkit.DeclarationCheck;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessProviderTest {
  private final ProcessProvider provider = new ProcessProvider();
  @TempDir Path dir;

  @Test
  void badMatchRulesAreRefusedAtLoadWithWhatToWrite() {
    assertThatThrownBy(() -> settings("match", List.of("docker=.*dockerd.*", "qemu=[unclosed")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "collectors.process.match: must be NAME=REGEX (NAME: letters, digits, _ . -,"
                + " not 'other'; REGEX: a Java regular expression), got qemu=[unclosed");
    assertThatThrownBy(() -> settings("match", List.of("just-a-regex")))
        .hasMessageContaining("must be NAME=REGEX");
    assertThatThrownBy(() -> settings("match", List.of("other=.*")))
        .hasMessageContaining("not 'other'");
  }

  @Test
  void groupByAndTopAreChecked() {
    assertThatThrownBy(() -> settings("group-by", List.of("pod")))
        .hasMessage(
            "collectors.process.group-by: must be process, command, container or cgroup, got pod");
    assertThatThrownBy(() -> settings("group-by", List.of("match")))
        .hasMessageContaining("must be process, command, container or cgroup");
    assertThatThrownBy(() -> settings("top", List.of("0")))
        .hasMessageContaining("must be at least 1");
    assertThat(settings("group-by", List.of("container")).string(ProcessProvider.GROUP_BY))
        .isEqualTo("container");
  }

  @Test
  void offUnlessNamedAndTheProbeSaysWhatItFound() throws Exception {
    assertThat(provider.onlyWhenNamed()).isTrue();
    assertThat(provider.networked()).as("it sends nothing over the network").isFalse();
    FakeProc proc = new FakeProc(dir.resolve("proc")).process(1, "init", 0, 1);
    try (TestContext ctx = context(proc, dir.resolve("sys"))) {
      ProbeResult r = provider.probe(ctx);
      assertThat(r.isAvailable()).isTrue();
      assertThat(r.detail())
          .isEqualTo("1 processes in " + proc.root() + ", host energy from the CPU-load estimate");
    }
    try (TestContext ctx =
        TestContext.forProvider(provider).setting("proc", dir.resolve("none").toString()).build()) {
      assertThat(provider.probe(ctx).isAvailable()).isFalse();
      assertThat(provider.probe(ctx).detail())
          .startsWith("cannot list ")
          .endsWith("needs Linux procfs, or --collector.process.proc=/host/proc in a container");
    }
  }

  @Test
  void openWithoutProcSaysWhatToDo() throws Exception {
    try (TestContext ctx =
        TestContext.forProvider(provider).setting("proc", dir.resolve("none").toString()).build()) {
      assertThatThrownBy(() -> provider.open(ctx))
          .hasMessageContaining("needs Linux procfs, or --collector.process.proc=/host/proc");
    }
  }

  @Test
  void servesOnlyDeclaredFamiliesAndTheSumsAddUp() throws Exception {
    FakeProc proc = new FakeProc(dir.resolve("proc")).process(10, "a", 0, 1).process(11, "b", 0, 1);
    FakePowercap rapl =
        new FakePowercap(dir.resolve("sys")).zone("intel-rapl:0", "package-0", 0, 262_143_328_850L);
    try (TestContext ctx = context(proc, rapl.sysfs())) {
      ProcessCollector c = (ProcessCollector) provider.open(ctx);
      // from now on every interval (100 ms) sees 1 J per 100 ms, busy half the time, a:b = 3:1
      long deadline = System.nanoTime() + 10_000_000_000L;
      MetricValues v = null;
      for (int i = 1; System.nanoTime() < deadline; i++) {
        proc.cpu(20L * i, 20L * i).process(10, "a", 15L * i, 1).process(11, "b", 5L * i, 1);
        rapl.energy("intel-rapl:0", 1_000_000L * i);
        Thread.sleep(100);
        MetricSnapshots s = c.collect();
        DeclarationCheck.assertEmitsOnlyDeclared(provider, s);
        v = MetricValues.of(s);
        if (!v.series("powermon_process_energy_joules_total", "group", "a").isEmpty()
            && !v.series("powermon_process_energy_joules_total", "group", "b").isEmpty()
            && v.value("powermon_process_energy_joules_total", "group", "a") > 0.5) {
          break;
        }
      }
      double host = v.value("powermon_process_host_energy_joules_total", "source", "rapl");
      double a =
          v.value("powermon_process_energy_joules_total", "group_by", "command", "group", "a");
      double b =
          v.value("powermon_process_energy_joules_total", "group_by", "command", "group", "b");
      double other = v.value("powermon_process_energy_joules_total", "group", "other");
      double idle = v.value("powermon_host_idle_energy_joules_total", "source", "rapl");
      double unattributed =
          v.value("powermon_process_unattributed_energy_joules_total", "source", "rapl");
      assertThat(a + b + other + idle + unattributed).isCloseTo(host, within(1e-9));
      assertThat(v.value("powermon_process_host_energy_source_info", "source", "rapl"))
          .isEqualTo(1);
      assertThat(v.value("powermon_process_tracked")).isEqualTo(2);
      c.close();
    }
  }

  private TestContext context(FakeProc proc, Path sysfs) {
    return TestContext.forProvider(provider)
        .setting("proc", proc.root().toString())
        .setting("sysfs", sysfs.toString())
        .setting("interval", "100ms")
        .build();
  }

  private Settings settings(String name, List<String> values) {
    return Settings.parse("process", provider.settings(), Map.of(name, values));
  }
}
