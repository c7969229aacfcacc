package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under nohup, SIGHUP cannot reload: said once at start, and a SIGHUP neither reloads nor stops it.
 */
class NohupTest {
  private static final String IGNORED = "SIGHUP is ignored (started under nohup?)";

  @Test
  void anIgnoredHangupIsSaidOnceAtStart(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("powermon.log");
    List<String> command =
        new ArrayList<>(
            List.of("nohup", Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(PowermonJar.JVM_FLAGS);
    command.addAll(
        List.of(
            "-jar",
            PowermonJar.jar().toString(),
            "--collector=host",
            "--collector.disable-defaults",
            "--web.listen-address=127.0.0.1:0",
            "--web.admin-address=off"));
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      for (int i = 0;
          i < 600 && !Files.readString(log).contains("powermon listening");
          i++) { // bounded: 60 s
        Thread.sleep(100);
      }
      assertThat(Files.readString(log)).contains("powermon listening");
      new ProcessBuilder("kill", "-HUP", Long.toString(p.pid()))
          .start()
          .waitFor(10, TimeUnit.SECONDS);
      Thread.sleep(500);
      assertThat(p.isAlive()).as("a SIGHUP under nohup does not stop it").isTrue();
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    String out = Files.readString(log);
    assertThat(out.split(java.util.regex.Pattern.quote(IGNORED), -1))
        .as(out)
        .hasSize(2); // exactly once
    assertThat(out).doesNotContain("configuration reloaded");
  }
}
