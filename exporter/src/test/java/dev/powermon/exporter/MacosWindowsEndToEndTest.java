package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.push.ReceiverProcess;
import dev.powermon.exporter.runtime.Providers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The macos collector through the whole exporter on Linux, driven the documented way: an explicitly
 * named powermetrics executable (here a script printing a hand-written plist) runs on any OS.
 */
class MacosWindowsEndToEndTest {
  // Apple Silicon layout; 1 s window, cpu 2500 mW / 2500 mJ, gpu 500 mW / 500 mJ, combined 3000 mW
  private static final String SAMPLE =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
      <plist version="1.0">
      <dict>
      <key>elapsed_ns</key><integer>1000000000</integer>
      <key>hw_model</key><string>Mac15,6</string>
      <key>processor</key>
      <dict>
      <key>cpu_energy</key><integer>2500</integer>
      <key>cpu_power</key><real>2500</real>
      <key>gpu_energy</key><integer>500</integer>
      <key>gpu_power</key><real>500</real>
      <key>ane_energy</key><integer>0</integer>
      <key>ane_power</key><real>0</real>
      <key>combined_power</key><real>3000</real>
      </dict>
      </dict>
      </plist>
      """;

  @TempDir Path dir;

  private Path fakePowermetrics() throws Exception {
    Files.writeString(dir.resolve("sample.plist"), SAMPLE);
    Path script = dir.resolve("powermetrics");
    // a sample every 250 ms, NUL-separated as powermetrics -f plist prints them, until stopped (a
    // source
    // that falls silent is stale after three intervals, and its power is withheld)
    Files.writeString(
        script,
        "#!/bin/sh\nd=$(dirname \"$0\")\n"
            + "while :; do cat \"$d/sample.plist\"; printf '\\0'; sleep 0.25; done\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  @Test
  void macosFamiliesFromARecordedPowermetricsPassPromtool() throws Exception {
    Server server =
        Server.start(
            Cli.setup(
                Providers.discover(),
                "--collector",
                "macos",
                "--collector.macos.powermetrics=" + fakePowermetrics(),
                "--collector.macos.interval=250ms",
                "--web.listen-address=127.0.0.1:0",
                "--web.admin-address=off"));
    try {
      String base = "http://127.0.0.1:" + server.port();
      String energy = "powermon_energy_joules_total{device=\"";
      String scrape = "";
      java.util.regex.Pattern cpuEnergy =
          java.util.regex.Pattern.compile(
              "powermon_energy_joules_total\\{device=\"[^\"]+\",domain=\"cpu\",source=\"macos\"\\} ([0-9.]+)\n");
      java.util.regex.Matcher m = cpuEnergy.matcher(scrape);
      for (int i = 0; i < 400 && !(m.find() && Double.parseDouble(m.group(1)) >= 5.0); i++) {
        Thread.sleep(50);
        scrape = Http.get(base + "/metrics").body();
        m = cpuEnergy.matcher(scrape);
      }
      // each window reports 2.5 J cpu and 2500 mW: the energy counter is a whole number of windows,
      // the
      // power each window's own figure (not the 2.5 J per 250 ms of wall time); total =
      // combined_power
      assertThat(m.find(0)).isTrue();
      double windows = Double.parseDouble(m.group(1)) / 2.5;
      assertThat(windows).isGreaterThanOrEqualTo(2).isEqualTo(Math.rint(windows));
      assertThat(power(scrape, "cpu")).isCloseTo(2.5, org.assertj.core.api.Assertions.within(1e-9));
      assertThat(power(scrape, "total"))
          .isCloseTo(3.0, org.assertj.core.api.Assertions.within(1e-9));
      assertThat(scrape)
          .contains(energy)
          .contains("powermon_collector_success{collector=\"macos\"} 1.0")
          .contains("macos_source_info{source=\"powermetrics\"} 1")
          .contains("macos_powermetrics_restarts_total 0.0");
      assertThat(Promtool.checkMetrics(scrape)).isEmpty();
    } finally {
      server.close();
    }
  }

  @Test
  void macosReadingsReachRemoteWriteEachAtItsOwnTimestamp() throws Exception {
    Files.createDirectories(dir.resolve("prometheus"));
    TreeMap<Long, Double> energy = new TreeMap<>();
    try (ReceiverProcess prometheus = ReceiverProcess.prometheus(dir.resolve("prometheus"))) {
      try (Server server =
          Server.start(
              Cli.setup(
                  Providers.discover(),
                  "--collector",
                  "macos",
                  "--collector.macos.powermetrics=" + fakePowermetrics(),
                  "--collector.macos.interval=250ms",
                  "--web.listen-address=127.0.0.1:0",
                  "--web.admin-address=off",
                  "--push.remote-write.url=" + prometheus.writeUrl(),
                  "--push.interval=2s",
                  "--push.instance=mac"))) {
        String series =
            "powermon_energy_joules_total{instance=\"mac\",source=\"macos\",domain=\"cpu\"}";
        for (int i = 0; i < 600 && energy.size() < 8; i++) { // bounded: 60 s
          Thread.sleep(100);
          energy = prometheus.samples(series);
        }
      }
    }
    // a reading every 250 ms, pushed every 2 s: several stored per push, each with its own
    // timestamp,
    // each a whole number of the windows' 2.5 J, rising
    assertThat(energy).hasSizeGreaterThanOrEqualTo(8);
    assertThat(energy.subMap(energy.firstKey(), energy.firstKey() + 2000).size()).isGreaterThan(2);
    assertThat(new java.util.ArrayList<>(energy.values()))
        .isSorted()
        .allSatisfy(j -> assertThat(j / 2.5).isEqualTo(Math.rint(j / 2.5)));
  }

  /** The served macos power of {@code domain}. */
  private static double power(String scrape, String domain) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "powermon_power_watts\\{device=\"[^\"]+\",domain=\""
                    + domain
                    + "\",source=\"macos\"\\} ([0-9.Ee-]+)\n")
            .matcher(scrape);
    assertThat(m.find()).as("power of " + domain + " in %s", scrape).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void collectorsExplainsWhyMacosAndWindowsCannotRunOnLinux() {
    StringWriter out = new StringWriter();
    CommandLine cl = Cli.commandLine(Providers.discover());
    cl.setOut(new PrintWriter(out, true));
    assertThat(cl.execute("collectors")).isZero();
    assertThat(out.toString())
        .containsPattern("macos +no .*macos collector runs on macOS; this is Linux")
        .containsPattern("windows +no .*windows collector runs on Windows; this is Linux");
  }
}
