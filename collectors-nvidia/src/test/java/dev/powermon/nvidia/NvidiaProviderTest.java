package dev.powermon.nvidia;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.ProbeResult;
import dev.powermon.testkit.TestContext;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where NVML does not load (here), the collector is off by default and says how to use nvidia-smi. */
class NvidiaProviderTest {
  @TempDir Path dir;

  @Test
  void withoutNvmlTheProbeSaysWhyAndIsUnavailable() throws Exception {
    try (TestContext ctx = TestContext.forProvider(new NvidiaProvider()).build()) {
      ProbeResult r = new NvidiaProvider().probe(ctx);
      assertThat(r.isAvailable()).isFalse();
      assertThat(r.detail()).startsWith("NVML does not load (").contains("needs the NVIDIA driver");
    }
  }

  @Test
  void aMissingNamedNvidiaSmiIsUnavailableWithItsPath() throws Exception {
    Path missing = dir.resolve("nvidia-smi");
    try (TestContext ctx = TestContext.forProvider(new NvidiaProvider()).setting("nvidia-smi", missing.toString())
        .build()) {
      ProbeResult r = new NvidiaProvider().probe(ctx);
      assertThat(r.isAvailable()).isFalse();
      assertThat(r.detail()).isEqualTo(missing + " is not an executable file");
    }
  }
}
