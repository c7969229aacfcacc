package dev.powermon.exporter.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.CollectorProvider;
import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.runtime.CollectorPool;
import dev.powermon.exporter.runtime.Providers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * node_exporter's semantics: named collectors add to the defaults, --no-collector removes one,
 * --collector.disable-defaults keeps only the named. Intent counts as naming: a setting flag or a
 * block in the file asks for a collector.
 */
class SelectionTest {
  private final Map<String, CollectorProvider> providers = Providers.discover();
  @TempDir Path dir;

  private List<String> selected(String... args) {
    Setup setup = Cli.setup(providers, args);
    try (CollectorPool pool = new CollectorPool()) {
      return Selection.plans(providers, setup.file(), setup.invocation(), pool::probeContext)
          .stream()
          .map(p -> p.name() + (p.named() ? " named" : " probed"))
          .toList();
    }
  }

  private String config(String text) throws Exception {
    return "--config.file=" + Files.writeString(dir.resolve("powermon.yml"), text);
  }

  @Test
  void withNothingNamedEveryLocalCollectorWhoseProbePasses() {
    assertThat(selected()).contains("steady probed").allMatch(s -> s.endsWith(" probed"));
  }

  @Test
  void aNamedCollectorAddsToTheDefaults() {
    assertThat(selected("--collector", "broken")).contains("broken named", "steady probed");
    assertThat(selected("--collector.broken")).contains("broken named", "steady probed");
  }

  @Test
  void disableDefaultsKeepsOnlyTheNamed() {
    assertThat(selected("--collector", "broken", "--collector.disable-defaults"))
        .containsExactly("broken named");
  }

  @Test
  void networkedAndOnlyWhenNamedCollectorsRunOnlyWhenNamed() {
    // broken is networked; hanging runs only when named without sending anything
    assertThat(selected()).noneMatch(s -> s.startsWith("broken") || s.startsWith("hanging"));
  }

  @Test
  void aSettingOrDeadlineFlagNamesItsCollector() {
    assertThat(selected("--collector.unready.path=/host/sys", "--collector.disable-defaults"))
        .containsExactly("unready named");
    assertThat(selected("--collector.broken.deadline=1s"))
        .contains("broken named", "steady probed");
  }

  @Test
  void aBlockInTheFileNamesItsCollector() throws Exception {
    assertThat(
            selected(
                config("collectors:\n  sampled:\n    watts: 3\n"), "--collector.disable-defaults"))
        .containsExactly("sampled named");
    assertThat(selected(config("collectors:\n  hanging:\n")))
        .contains("hanging named", "steady probed");
  }

  @Test
  void anExplicitNoBeatsIntent() throws Exception {
    assertThat(selected(config("collectors:\n  unready:\n    enabled: false\n    path: /x\n")))
        .contains("steady probed")
        .allMatch(s -> s.endsWith(" probed"));
    assertThat(selected("--collector.unready.path=/x", "--no-collector.unready"))
        .contains("steady probed")
        .allMatch(s -> s.endsWith(" probed"));
  }
}
