package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dockerfile's HEALTHCHECK, run with bash as Docker runs it, follows
 * POWERMON_WEB_LISTEN_ADDRESS.
 */
class DockerHealthcheckTest {
  private static final Pattern CMD =
      Pattern.compile("HEALTHCHECK [^\\n]*\\\\\\n\\s*CMD (\\[.*\\])");

  @Test
  void theHealthCheckProbesTheAddressInTheVariable(@TempDir Path dir) throws Exception {
    Matcher m = CMD.matcher(Files.readString(Repo.root().resolve("Dockerfile")));
    assertThat(m.find()).as("a HEALTHCHECK CMD in exec form").isTrue();
    List<String> command = List.of(new ObjectMapper().readValue(m.group(1), String[].class));
    Path config = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: info\n");
    try (PowermonJar powermon = PowermonJar.start(dir, config, List.of("--collector=host"))) {
      String port = powermon.target().substring(powermon.target().lastIndexOf(':') + 1);
      assertThat(run(command, ":" + port)).as("healthy on the variable's port").isZero();
      assertThat(run(command, "127.0.0.1:" + port)).isZero();
      try (FreePort.DeadPort dead = new FreePort.DeadPort()) {
        assertThat(run(command, dead.address())).as("nothing listens there").isNotZero();
      }
    }
  }

  private static int run(List<String> command, String address) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(Map.of("POWERMON_WEB_LISTEN_ADDRESS", address));
    Process p = builder.start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }
}
