package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every shipped launch uses the small-footprint JVM flags the end-to-end test runs the JAR with.
 */
class JvmFlagsTest {
  @Test
  void everyLaunchCarriesEveryFlag() throws IOException {
    List<Path> launches =
        List.of(
            Repo.root().resolve("README.md"),
            Repo.root().resolve("bin/powermon"),
            Repo.root().resolve("Dockerfile"),
            Repo.packaging().resolve("linux/powermon.service"),
            Repo.packaging().resolve("macos/dev.powermon.exporter.plist"),
            Repo.packaging().resolve("windows/powermon.xml"));
    for (Path launch : launches) {
      String text = Files.readString(launch);
      for (String flag : PowermonJar.JVM_FLAGS) {
        assertThat(text).as(launch + " lacks " + flag).contains(flag);
      }
    }
  }
}
