package dev.powermon.exporter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.exporter.runtime.Providers;
import dev.powermon.exporter.testcollectors.UnreadyProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line through picocli's execute(), with the test collectors of this module. */
class CliTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Cli.commandLine(Providers.discover());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void helpIsGroupedWithOneLinePerCollector() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .containsSubsequence(
            "Web:",
            "--web.listen-address=ADDR",
            "Collectors:",
            "--collector=NAME",
            "--collector.disable-defaults",
            "steady",
            "powermon help collector NAME",
            "Config:",
            "--config.file",
            "Logging:",
            "--log.level",
            "Push:",
            "--push.remote-write.url",
            "Exit codes:")
        .containsPattern("\\n  steady +[A-Z]")
        .doesNotContain("--collector.steady.watts")
        .contains("probe")
        .contains("collectors")
        .contains("version");
    // 243 lines before grouping with 10 collectors; now a fixed part (web with TLS and auth, config
    // with the config server and how to reach it: CA, client certificate, token or user; logging,
    // push) plus a line or three per collector
    assertThat(out.toString().lines().count()).isLessThan(110 + 3L * Providers.discover().size());
  }

  @Test
  void helpCollectorListsItsFlags() {
    assertThat(run("help", "collector", "steady")).isZero();
    assertThat(out.toString())
        .contains("--[no-]collector.steady")
        .contains("--collector.steady.watts=<number>")
        .contains("The power to report. (default: 12.5)")
        .contains("--collector.steady.deadline=<duration>")
        .doesNotContain("--collector.hanging");
  }

  @Test
  void helpAndVersionAreCommands() {
    assertThat(run("help", "probe")).isZero();
    assertThat(out.toString()).contains("Usage: powermon probe");
    assertThat(run("version")).isZero();
    assertThat(out.toString()).contains("powermon, version ");
  }

  @Test
  void helpOfAnUnknownCollectorIsAUsageError() {
    assertThat(run("help", "collector", "nosuch")).isEqualTo(2);
    assertThat(err.toString()).contains("no collector named 'nosuch'");
  }

  @Test
  void helpPrintsPercentSignsInSettingHelpLiterally() {
    // picocli formats descriptions; an unescaped "%" makes it warn on stderr at every --help.
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      assertThat(run("help", "collector", "host")).isZero();
    } finally {
      System.setErr(original);
    }
    assertThat(out.toString()).contains("Default: 20% of tdp-watts");
    assertThat(stderr.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
  }

  @Test
  void aMisspeltFlagIsAUsageErrorNamingTheNearestFlag() {
    assertThat(run("--collector.steady.wats=3")).isEqualTo(2);
    assertThat(err.toString())
        .contains("Did you mean --collector.steady.watts?")
        .doesNotContain("\tat ");
  }

  @Test
  void aMistypedSecretFlagIsRefusedWithoutItsValue() {
    assertThat(run("--push.remote-write.bearer-token=hunter2")).isEqualTo(2);
    assertThat(err.toString())
        .contains("--push.remote-write.bearer-token=(value hidden)")
        .contains("Did you mean --push.remote-write.bearer-token-file?")
        .doesNotContain("hunter2");
  }

  @Test
  void anUnknownCollectorIsAUsageError() {
    assertThat(run("probe", "--collector", "nosuch")).isEqualTo(2);
    // the list grows with every collector module on the class path
    assertThat(err.toString())
        .containsPattern(
            "--collector: no collector named 'nosuch'; this build has \\[broken, hanging, .*steady.*\\]");
  }

  @Test
  void aBadSettingValueIsOneLine() {
    assertThat(run("probe", "--collector", "steady", "--collector.steady.watts=lots")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("powermon: --collector.steady.watts: 'lots' is not a finite number\n");
  }

  @Test
  void aFlagOutOfItsDeclaredRangeNamesTheFlagAsTyped() {
    assertThat(run("probe", "--collector", "steady", "--collector.steady.watts=-5")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("powermon: --collector.steady.watts: must be at least 0, got -5\n");
  }

  @Test
  void collectorsSaysWhichCanRunAndWhyNot() {
    assertThat(run("collectors")).isZero();
    assertThat(out.toString())
        .contains("COLLECTOR")
        .containsPattern(
            "broken +yes +no +not named: it sends network traffic +runs only when named")
        .containsPattern("steady +yes +yes +by default: it can run here +always here");
  }

  @Test
  void collectorsPreviewsTheSelectionFlags() {
    assertThat(run("collectors", "--collector", "broken", "--no-collector.sampled")).isZero();
    assertThat(out.toString())
        .containsPattern("broken +yes +yes +named")
        .containsPattern("sampled +yes +no +turned off")
        .containsPattern("steady +yes +yes +by default");
    assertThat(run("collectors", "--collector", "broken", "--collector.disable-defaults")).isZero();
    assertThat(out.toString())
        .containsPattern("steady +yes +no +not named, and --collector.disable-defaults");
  }

  @Test
  void flagsBeforeTheSubcommandMeanTheSame() {
    assertThat(run("--collector.steady.label=before", "--collector.disable-defaults", "probe"))
        .isZero();
    assertThat(out.toString()).contains("before draws 12.5 W").doesNotContain("sampled:");
  }

  @Test
  void aServeOnlyFlagBeforeASubcommandIsRefusedNamingIt() {
    assertThat(run("--push.instance=x", "probe")).isEqualTo(2);
    assertThat(err.toString())
        .contains("--push.instance is a flag of 'powermon' (serve) only")
        .contains("'powermon probe' does not take it");
  }

  @Test
  void probePrintsATableAndSucceedsWhenEveryCollectorDid() {
    assertThat(run("probe", "--collector", "steady")).isZero();
    assertThat(out.toString())
        .contains("steady: steady draws 12.5 W")
        .containsPattern("FAMILY +LABELS +VALUE")
        .containsPattern(
            "powermon_power_watts +\\{device=\"steady\",domain=\"total\",source=\"steady\"\\} +12\\.5\n")
        .containsPattern(
            "powermon_energy_joules_total +\\{device=\"steady\",domain=\"total\",source=\"steady\"\\} +1000\n");
  }

  @Test
  void probeFailsWhenACollectorFails() {
    assertThat(run("probe", "--collector", "steady,broken", "--collector.broken.deadline=1s"))
        .isEqualTo(1);
    assertThat(out.toString())
        .contains("broken: FAILED: sensor unplugged; plug it back in")
        .contains("powermon_power_watts");
  }

  @Test
  void aCollectorAskedForThroughASettingFailsWithItsProbesHint() {
    assertThat(run("probe", "--collector.unready.path=/host/sys")).isEqualTo(1);
    assertThat(out.toString())
        .contains("unready: FAILED: cannot start: " + UnreadyProvider.HINT)
        .contains("steady: steady draws"); // named ones add to the defaults, as in node_exporter
  }

  @Test
  void withNoCollectorNamedEveryCollectorWhoseProbePassesRuns() {
    assertThat(run("probe")).isZero(); // steady's probe passes; broken and hanging stay off
    assertThat(out.toString()).contains("steady: steady draws").doesNotContain("broken");
  }

  @Test
  void aFlagOverridesTheFileAndNoCollectorDisables(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("powermon.yml");
    Files.writeString(
        config,
        "collectors:\n  steady:\n    watts: 7\n    label: from-file\n  broken:\n    enabled: true\n");
    assertThat(
            run(
                "probe",
                "--config.file=" + config,
                "--collector.steady.watts=9",
                "--no-collector.broken",
                "--collector.steady"))
        .isZero();
    assertThat(out.toString()).contains("from-file draws 9.0 W").doesNotContain("broken");
  }

  @Test
  void versionNamesTheJavaRuntime() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("powermon, version ").contains("java version:");
  }

  @Test
  void theConfigServerRefusesToStartWithoutATokenAndSaysHow(@TempDir Path dir) {
    assertThat(
            run(
                "config-server",
                "--data-dir",
                dir.toString(),
                "--web.listen-address",
                "127.0.0.1:0"))
        .isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "powermon: the config server needs --auth.token-file FILE (a bearer "
                + "token); --auth.disabled serves without one (then only --web.config.file's"
                + " basic_auth_users protect it)"
                + System.lineSeparator());
  }

  @Test
  void theConfigServerRefusesAnEmptyTokenFile(@TempDir Path dir) throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "\n");

    assertThat(
            run(
                "config-server",
                "--data-dir",
                dir.toString(),
                "--auth.token-file",
                token.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--auth.token-file").contains("holds no token");
  }

  @Test
  void theConfigServersEtcdStoreNeedsItsEndpoint() {
    assertThat(run("config-server", "--store", "etcd", "--auth.disabled")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "powermon: --store etcd needs --etcd.endpoints URL (e.g. "
                + "http://127.0.0.1:2379)"
                + System.lineSeparator());
  }

  @Test
  void theConfigServerNamesABadEtcdEndpointAndABrokenWebConfigInOneLine(@TempDir Path dir)
      throws Exception {
    assertThat(
            run(
                "config-server",
                "--store",
                "etcd",
                "--etcd.endpoints",
                "http://127.0.0.1:2379,127.0.0.1:2380",
                "--auth.disabled"))
        .isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "powermon: --etcd.endpoints: '127.0.0.1:2380' is not a URL like http://127.0.0.1:2379"
                + System.lineSeparator());
    err.getBuffer().setLength(0);
    Path web = Files.writeString(dir.resolve("web.yml"), "basic_auth_users:\n  x: plaintext\n");

    assertThat(
            run(
                "config-server",
                "--data-dir",
                dir.toString(),
                "--web.config.file",
                web.toString(),
                "--auth.disabled"))
        .isEqualTo(2);
    assertThat(err.toString())
        .startsWith("powermon: --web.config.file " + web)
        .contains("not a bcrypt hash")
        .hasLineCount(1);
  }
}
