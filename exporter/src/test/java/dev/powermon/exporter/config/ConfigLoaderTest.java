package dev.powermon.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.api.CollectorProvider;
import dev.powermon.exporter.testcollectors.SteadyProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Map<String, CollectorProvider> PROVIDERS =
      Map.of("steady", new SteadyProvider());

  @TempDir Path dir;

  private FileConfig load(String yaml) throws Exception {
    Path file = dir.resolve("powermon.yml");
    Files.writeString(file, yaml);
    return new ConfigLoader(PROVIDERS).load(file);
  }

  private String error(String yaml) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> load(yaml));
    assertThat(t).isInstanceOf(ConfigException.class);
    return t.getMessage().replace(dir.resolve("powermon.yml").toString(), "FILE");
  }

  @Test
  void readsAGoodFile() throws Exception {
    FileConfig config =
        load(
            """
        # operator's comment
        web:
          listen-address: 127.0.0.1:9200
          admin-address: "off"
        log:
          level: debug
        collectors:
          steady:
            enabled: true
            deadline: 2s
            watts: 7.25
            label: 'no'
        metrics:
          steady_hidden_ratio: true
          powermon_power_watts: false
        """);
    assertThat(config.listenAddress()).isEqualTo("127.0.0.1:9200");
    assertThat(config.adminAddress()).isEqualTo("off");
    assertThat(config.logLevel()).isEqualTo("debug");
    CollectorSection steady = config.collectors().get("steady");
    assertThat(steady.enabled()).isTrue();
    assertThat(steady.deadline()).isEqualTo("2s");
    assertThat(steady.settings())
        .containsExactly(Map.entry("watts", List.of("7.25")), Map.entry("label", List.of("no")));
    assertThat(config.metrics())
        .containsExactly(
            Map.entry("steady_hidden_ratio", true), Map.entry("powermon_power_watts", false));
  }

  @Test
  void yaml11WordsStayAsWritten() throws Exception {
    // In YAML 1.1 'no' is false and 010 is octal 8; a device label 'no' and watts 010 must stay
    // what was typed.
    FileConfig config = load("collectors:\n  steady:\n    label: no\n    watts: 010\n");
    assertThat(config.collectors().get("steady").settings())
        .containsExactly(Map.entry("label", List.of("no")), Map.entry("watts", List.of("010")));
  }

  @Test
  void yaml11BooleansAreRefusedWhereABooleanIsMeant() {
    assertThat(error("collectors:\n  steady:\n    enabled: yes\n"))
        .isEqualTo("FILE:3:14: collectors.steady.enabled must be true or false, not 'yes'");
    assertThat(error("metrics:\n  powermon_power_watts: on\n"))
        .isEqualTo("FILE:2:25: metrics.powermon_power_watts must be true or false, not 'on'");
  }

  @Test
  void unknownKeysAreRefusedWithLineAndColumn() {
    assertThat(error("web:\n  listen_address: :9100\n"))
        .isEqualTo(
            "FILE:2:3: unknown key 'web.listen_address'; expected listen-address, telemetry-path or admin-address");
    assertThat(error("colectors: {}\n"))
        .isEqualTo("FILE:1:1: unknown key 'colectors'; expected web, log, collectors or metrics");
    assertThat(error("collectors:\n  steady:\n    wats: 3\n"))
        .isEqualTo(
            "FILE:3:11: unknown key 'collectors.steady.wats'; steady accepts enabled, deadline, watts, label");
    assertThat(error("collectors:\n  nosuch: {}\n"))
        .isEqualTo("FILE:2:11: unknown collector 'nosuch'; this build has [steady]");
  }

  @Test
  void duplicateKeysAreRefused() {
    assertThat(error("metrics:\n  a_b: true\n  a_b: false\n"))
        .isEqualTo("FILE:3:3: duplicate key 'metrics.a_b'");
  }

  @Test
  void wrongTypesAreRefusedWithTheValue() {
    assertThat(error("collectors:\n  steady:\n    watts: lots\n"))
        .isEqualTo("FILE:3:12: collectors.steady.watts: 'lots' is not a finite number");
    assertThat(error("collectors:\n  steady:\n    watts: [1, 2]\n"))
        .isEqualTo("FILE:3:12: collectors.steady.watts must be a single value, not a list");
    assertThat(error("collectors:\n  steady:\n    deadline: soon\n"))
        .startsWith("FILE:3:15: collectors.steady.deadline: 'soon' is not a duration");
    assertThat(error("web: [1]\n")).isEqualTo("FILE:1:6: web must be a mapping of keys to values");
  }

  @Test
  void aValueOutOfItsDeclaredRangeFailsAtItsLineAndColumn() throws Exception {
    assertThat(error("collectors:\n  steady:\n    watts: -5\n"))
        .isEqualTo("FILE:3:12: collectors.steady.watts: must be at least 0, got -5");
    FileConfig ok = load("collectors:\n  steady:\n    watts: 0\n");
    assertThat(ok.collectors().get("steady").parsed().decimal(SteadyProvider.WATTS)).isEqualTo(0.0);
    assertThat(ok.collectors().get("steady").parsed().isGiven(SteadyProvider.WATTS)).isTrue();
  }

  @Test
  void hostileYamlIsRefused() {
    assertThat(error("a: !!javax.script.ScriptEngineManager [x]\n"))
        .contains("Global tag is not allowed");
    assertThat(error("x: " + "[".repeat(100) + "]".repeat(100) + "\n"))
        .contains("Nesting Depth exceeded");
    assertThat(error("metrics:\n  a: true\n  b: [unclosed\n")).startsWith("FILE:4:1:");
  }

  @Test
  void anEmptyFileIsAnEmptyConfig() throws Exception {
    FileConfig config = load("# nothing yet\n");
    assertThat(config.collectors()).isEmpty();
    assertThat(config.metrics()).isEmpty();
  }

  @Test
  void aMissingFileSaysWhichFlag() {
    assertThatThrownBy(() -> new ConfigLoader(PROVIDERS).load(dir.resolve("nope.yml")))
        .hasMessageEndingWith("nope.yml: no such file (check --config.file)");
  }
}
