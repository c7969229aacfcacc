package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every panel and variable of every dashboard returns data from a real Prometheus scraping the real
 * JAR, which reads a simulated RAPL tree, a fake tegrastats, simulated Kasa devices, the network
 * meters of {@link MeterRig} (a real upsd, a simulated Shelly, Tasmota over HTTP and a real MQTT
 * broker), the board sensors of {@link BoardRig} (a hwmon tree, a fake nvidia-smi), the host itself
 * and, through the process collector of {@link ProcessRig}, this machine's real {@code /proc}. The
 * JAR starts from a config file with no metric table: what a fresh install serves is what the
 * dashboards must show, nothing switched on by hand.
 */
class DashboardQueriesTest {
  /** Samples to wait for (1 s scrapes): enough for rate() over 15 s windows. */
  private static final int MIN_SCRAPES = 20;

  /** Fed by tegrastats, the slowest source: once it has samples, every dashboard's source has. */
  private static final String SLOWEST = "jetson_temperature_celsius";

  private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(120);

  /**
   * After the first full pass, failing queries are retried this long (slow machine): the energy
   * rules evaluate once a minute, and the first evaluation may come before two samples.
   */
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(90);

  @Test
  void everyPanelExpressionAndVariableReturnsSeries(@TempDir Path dir) throws Exception {
    try (PowercapTree rapl = PowercapTree.start(dir.resolve("sys"));
        KasaSimulator kasa = KasaSimulator.start(dir);
        MeterRig meters = MeterRig.start(dir);
        PowermonJar powermon =
            PowermonJar.withSimulatedSources(
                dir,
                rapl.sysfs(),
                FakeTegrastats.write(dir),
                kasa.targets(),
                concat(meters.args(), BoardRig.write(dir).args(), ProcessRig.args(rapl.sysfs())));
        PrometheusServer prometheus =
            PrometheusServer.start(PrometheusConfig.powermonJob(powermon.target()), dir)) {
      awaitScrapes(prometheus, powermon);
      DashboardEvaluator evaluator = new DashboardEvaluator(prometheus.api);
      List<Dashboard> dashboards = Dashboard.all();
      assertThat(dashboards).hasSize(7);

      Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
      List<String> report = new ArrayList<>();
      List<DashboardEvaluator.Failure> failures = new ArrayList<>();
      do {
        report.clear();
        failures.clear();
        for (Dashboard d : dashboards) {
          DashboardEvaluator.Outcome o = evaluator.evaluate(d);
          failures.addAll(o.failures());
          report.add(
              String.format(
                  "%-36s %2d panels, %2d/%2d expressions and %d/%d variable queries non-empty",
                  d.title(),
                  d.panels().size(),
                  o.expressionsProven(),
                  d.expressionCount(),
                  o.variablesProven(),
                  d.variables().stream().filter(v -> "query".equals(v.type())).count()));
        }
        if (!failures.isEmpty()) {
          Thread.sleep(1000);
        }
      } while (!failures.isEmpty() && Instant.now().isBefore(deadline));

      System.out.println(
          "Dashboard queries proven against Prometheus:\n  " + String.join("\n  ", report));
      assertThat(failures)
          .withFailMessage(
              () ->
                  failures.size()
                      + " dashboard queries failed:\n"
                      + join(failures)
                      + "\n"
                      + powermon.log())
          .isEmpty();
      // The processes' energy is the simulated tree's, not the estimate.
      assertThat(prometheus.api.query("powermon_process_host_energy_source_info{source=\"rapl\"}"))
          .withFailMessage(
              () -> "the process collector shares out no RAPL energy\n" + powermon.log())
          .isNotEmpty();
      // A healthy simulated fleet raises no alert, not even a pending one (a failing collector
      // would).
      assertThat(prometheus.api.query("ALERTS"))
          .withFailMessage(
              () -> "alerts on a healthy setup: " + alerts(prometheus) + "\n" + powermon.log())
          .isEmpty();
    }
  }

  private static String alerts(PrometheusServer prometheus) {
    try {
      return prometheus.api.query("ALERTS").toString();
    } catch (Exception e) {
      return e.toString();
    }
  }

  /** Waits until the slowest source has enough samples; switches nothing on. */
  private static void awaitScrapes(PrometheusServer prometheus, PowermonJar powermon)
      throws Exception {
    Instant deadline = Instant.now().plus(SAMPLE_TIMEOUT);
    String probe = "count_over_time(" + SLOWEST + "[5m]) >= " + MIN_SCRAPES;
    while (prometheus.api.query(probe).isEmpty()) {
      assertThat(Instant.now())
          .withFailMessage(
              () ->
                  "no "
                      + MIN_SCRAPES
                      + " samples of "
                      + SLOWEST
                      + " within "
                      + SAMPLE_TIMEOUT
                      + "\n"
                      + powermon.log()
                      + "\n"
                      + prometheus.log())
          .isBefore(deadline);
      Thread.sleep(1000);
    }
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    List<String> out = new ArrayList<>();
    for (List<String> list : lists) {
      out.addAll(list);
    }
    return out;
  }

  private static String join(List<DashboardEvaluator.Failure> failures) {
    StringBuilder out = new StringBuilder();
    failures.forEach(f -> out.append("  ").append(f).append('\n'));
    return out.toString();
  }
}
