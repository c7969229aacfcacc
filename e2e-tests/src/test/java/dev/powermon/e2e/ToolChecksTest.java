package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * promtool and shellcheck on the shipped files, as CI runs them (Debian prometheus, shellcheck).
 */
class ToolChecksTest {
  private static Command.Result run(Path dir, String... command) throws Exception {
    return Command.run(dir, List.of(command));
  }

  @Test
  void promtoolAcceptsTheConfig() throws Exception {
    Command.Result r = run(Repo.prometheus(), "promtool", "check", "config", "prometheus.yml");
    assertThat(r.exitCode()).withFailMessage(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: 4 rule files found");
  }

  @Test
  void promtoolAcceptsEveryRuleFile() throws Exception {
    List<String> command = new ArrayList<>(List.of("promtool", "check", "rules"));
    Repo.files(Repo.prometheus().resolve("rules"), ".yml").forEach(p -> command.add(p.toString()));
    Command.Result r = Command.run(Repo.prometheus(), command);
    assertThat(r.exitCode()).withFailMessage(r.output()).isZero();
    // 3 settings + 18 recording rules + 7 alerts + 3 process energy rules
    Matcher m = Pattern.compile("SUCCESS: (\\d+) rules found").matcher(r.output());
    int rules = 0;
    while (m.find()) rules += Integer.parseInt(m.group(1));
    assertThat(rules).isEqualTo(31);
  }

  @Test
  void promtoolRuleUnitTestsPass() throws Exception {
    List<String> command = new ArrayList<>(List.of("promtool", "test", "rules"));
    Repo.files(Repo.prometheus().resolve("tests"), ".test.yml")
        .forEach(p -> command.add(p.toString()));
    assertThat(command).hasSize(7);
    Command.Result r = Command.run(Repo.prometheus(), command);
    assertThat(r.exitCode()).withFailMessage(r.output()).isZero();
    assertThat(r.output()).doesNotContain("FAILED");
  }

  @Test
  void shellcheckFindsNothingInTheInstallScripts() throws Exception {
    List<String> command =
        new ArrayList<>(List.of("shellcheck", "--external-sources", "--severity=style"));
    List<Path> scripts = Repo.files(Repo.packaging(), ".sh");
    assertThat(scripts)
        .extracting(p -> p.getFileName().toString())
        .containsExactly("install-common.sh", "install-linux.sh", "install-macos.sh");
    scripts.forEach(p -> command.add(p.toString()));
    Command.Result r = Command.run(Repo.packaging(), command);
    assertThat(r.exitCode()).withFailMessage(r.output()).isZero();
    assertThat(r.output()).isEmpty();
  }
}
