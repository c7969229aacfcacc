package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.testkit.BoundedChild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real JAR with rapl on a fake powercap tree (23 W) and the process collector on this machine's
 * /proc: a bounded CPU-burning child is the top group among the processes this test controls (the
 * exporter itself, the burner, an idle sibling, their timeout wrappers), and what is served over
 * HTTP adds up: every group, idle and unattributed sum to the host energy shared out, and the
 * burner's share of the active energy is its share of the busy CPU time. (On a machine busy with
 * other work the burner need not be the host's top process, so it is ranked among what the test
 * controls; the match between its energy share and its CPU share measured apart from the collector
 * is {@code collectors-process}' RealProcTest.)
 */
@EnabledOnOs(OS.LINUX)
class ProcessCollectorJarTest {
  private static final Pattern SERIES =
      Pattern.compile("^(\\w+)\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  @Test
  void aBurningChildIsTheTopGroupAndTheServedSumsAddUp(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: info\n");
    try (BoundedChild burning = BoundedChild.start(60, "sha256sum", "/dev/zero");
        BoundedChild idle = BoundedChild.start(60, "sleep", "60");
        PowercapTree rapl = PowercapTree.start(dir.resolve("sys"));
        PowermonJar powermon =
            PowermonJar.start(
                dir,
                config,
                List.of(
                    "--collector=rapl,process",
                    "--collector.rapl.sysfs=" + rapl.sysfs(),
                    "--collector.process.sysfs=" + rapl.sysfs(),
                    "--collector.process.group-by=process",
                    "--collector.process.top=1000",
                    "--collector.process.interval=500ms"))) {
      long burnerPid = burning.command().pid();
      long idlePid = idle.command().pid();
      Thread.sleep(4000); // eight intervals with the burner running
      String scrape = powermon.scrape();

      Map<String, Double> energy = new HashMap<>();
      Map<String, Double> cpu = new HashMap<>();
      double host = Double.NaN;
      double idleJoules = Double.NaN;
      double unattributed = Double.NaN;
      for (Matcher m = SERIES.matcher(scrape); m.find(); ) {
        Map<String, String> labels = labels(m.group(2));
        double value = Double.parseDouble(m.group(3));
        switch (m.group(1)) {
          case "powermon_process_energy_joules_total" -> energy.put(labels.get("group"), value);
          case "powermon_process_cpu_seconds_total" -> cpu.put(labels.get("group"), value);
          case "powermon_process_host_energy_joules_total" -> host = value;
          case "powermon_host_idle_energy_joules_total" -> idleJoules = value;
          case "powermon_process_unattributed_energy_joules_total" -> unattributed = value;
          default -> {}
        }
      }
      String burnerGroup = "sha256sum:" + burnerPid;
      assertThat(energy).as(scrape).containsKey(burnerGroup);
      assertThat(host).as("rapl's package + dram, shared out").isGreaterThan(0);

      // the test's own processes, by energy since the exporter started
      List<Long> ours =
          List.of(
              powermon.pid(),
              burning.wrapper().pid(),
              burnerPid,
              idle.wrapper().pid(),
              idlePid,
              ProcessHandle.current().pid());
      String top =
          energy.keySet().stream()
              .filter(g -> ours.stream().anyMatch(pid -> g.endsWith(":" + pid)))
              .max((a, b) -> Double.compare(energy.get(a), energy.get(b)))
              .orElseThrow();
      assertThat(top)
          .as("top of the test's processes among %s", energy.keySet())
          .isEqualTo(burnerGroup);

      double groups = energy.values().stream().mapToDouble(Double::doubleValue).sum();
      assertThat(groups + idleJoules + unattributed)
          .as("Σ groups + idle + unattributed = host")
          .isCloseTo(host, within(1e-6 * host));
      double busySeconds = cpu.values().stream().mapToDouble(Double::doubleValue).sum();
      double energyShare = energy.get(burnerGroup) / groups;
      double cpuShare = cpu.get(burnerGroup) / busySeconds;
      assertThat(energyShare)
          .as("the burner's share of attributed energy vs of attributed CPU time")
          .isCloseTo(cpuShare, within(0.1 * cpuShare));
    }
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new HashMap<>();
    for (Matcher m = LABEL.matcher(text); m.find(); ) {
      labels.put(m.group(1), m.group(2));
    }
    return labels;
  }
}
