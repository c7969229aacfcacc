package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM stops the real JAR in order: exit 0, nothing at warn or error on the way out. */
class OrderlyStopTest {
  /**
   * The stop is bounded by the pushes' 5 s and the collectors' close; far more means something
   * hangs.
   */
  private static final long STOP_SECONDS = 30;

  @Test
  void sigtermStopsQuietlyWithExitZero(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: info\n");
    try (PowercapTree rapl = PowercapTree.start(dir.resolve("sys"));
        PowermonJar powermon =
            PowermonJar.start(
                dir,
                config,
                List.of("--collector=rapl,host", "--collector.rapl.sysfs=" + rapl.sysfs()))) {
      powermon.scrape();
      Integer exit = powermon.terminate(STOP_SECONDS);
      String output = powermon.output();
      assertThat(exit).as(output).isEqualTo(0);
      String afterStop = output.substring(output.indexOf("msg=\"stopping"));
      assertThat(afterStop)
          .contains("msg=\"stopped\"")
          .doesNotContain("level=warn")
          .doesNotContain("level=error")
          .doesNotContain("Exception");
    }
  }
}
