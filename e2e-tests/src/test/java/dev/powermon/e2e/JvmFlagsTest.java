package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every shipped launch uses the small-footprint JVM flags the end-to-end test runs the JAR with:
 * through bin/powermon where there is a bash, spelled out where there is none (Windows).
 */
class JvmFlagsTest {
  @Test
  void theLauncherCarriesEveryFlag() throws IOException {
    String launcher = Files.readString(Repo.root().resolve("bin/powermon"));
    for (String flag : PowermonJar.JVM_FLAGS) {
      assertThat(launcher).as("bin/powermon lacks " + flag).contains(flag);
    }
  }

  @Test
  void everyLaunchWithABashRunsTheLauncher() throws IOException {
    List<Path> launches =
        List.of(
            Repo.root().resolve("README.md"),
            Repo.root().resolve("Dockerfile"),
            Repo.packaging().resolve("linux/powermon.service"),
            Repo.packaging().resolve("macos/dev.powermon.exporter.plist"));
    for (Path launch : launches) {
      String text = Files.readString(launch);
      assertThat(text).as(launch + " does not run bin/powermon").contains("bin/powermon");
      assertThat(text).as(launch + " runs java itself").doesNotContain("-jar ");
    }
  }

  @Test
  void theWindowsServiceCarriesEveryFlag() throws IOException {
    String service = Files.readString(Repo.packaging().resolve("windows/powermon.xml"));
    for (String flag : PowermonJar.JVM_FLAGS) {
      assertThat(service).as("windows/powermon.xml lacks " + flag).contains(flag);
    }
  }
}
