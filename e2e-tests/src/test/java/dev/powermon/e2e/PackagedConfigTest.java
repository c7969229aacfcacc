package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example config the installers ship is accepted by the real JAR, which keeps its comments. */
class PackagedConfigTest {
  @Test
  void theJarServesWithThePackagedConfig(@TempDir Path dir) throws Exception {
    Path config = Files.copy(Repo.packaging().resolve("powermon.yml"), dir.resolve("powermon.yml"));

    try (PowermonJar powermon = PowermonJar.start(dir, config, List.of())) {
      assertThat(powermon.scrape()).contains("powermon_build_info{");
    }
    // The metric table grew with the families served, and the operator's comments survived.
    String after = Files.readString(config);
    assertThat(after).contains("# The metric table: family name -> true (exported) or false.");
    assertThat(after).contains("powermon_build_info: true");
  }
}
