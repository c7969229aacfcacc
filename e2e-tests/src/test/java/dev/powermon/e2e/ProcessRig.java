package dev.powermon.e2e;

import java.nio.file.Path;
import java.util.List;

/**
 * The process collector as the dashboards' test runs it: the real {@code /proc} of this machine,
 * the host's energy from the simulated powercap tree, grouped by container (outside a container
 * every process is in group "host" or a systemd unit), and two match groups that the test's own
 * children fill: the exporter itself and Prometheus.
 */
final class ProcessRig {
  private ProcessRig() {}

  /** The exporter flags that name the collector, reading RAPL from {@code sysfs}. */
  static List<String> args(Path sysfs) {
    return List.of(
        "--collector=process",
        "--collector.process.sysfs=" + sysfs,
        "--collector.process.group-by=container",
        // whole command lines: the JVM running the JAR, and the Debian binary with its flags
        "--collector.process.match=powermon=.*powermon\\.jar.*",
        "--collector.process.match=prometheus=prometheus .*--storage\\.tsdb\\.path.*");
  }
}
