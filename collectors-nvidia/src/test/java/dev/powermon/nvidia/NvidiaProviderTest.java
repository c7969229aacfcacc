package dev.powermon.nvidia;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.ProbeResult;
import dev.powermon.testkit.TestContext;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enabled by default only where NVML loads; otherwise the probe says why and how to use nvidia-smi.
 */
class NvidiaProviderTest {
  private static final NvidiaProvider.NvmlLoader ABSENT =
      problems -> {
        throw new IOException(
            "NVML does not load (libnvidia-ml.so.1 not found); needs the NVIDIA driver");
      };

  @TempDir Path dir;

  private ProbeResult probe(NvidiaProvider provider, String... smi) throws Exception {
    TestContext.Builder b = TestContext.forProvider(provider);
    if (smi.length > 0) {
      b.setting("nvidia-smi", smi);
    }
    try (TestContext ctx = b.build()) {
      return provider.probe(ctx);
    }
  }

  @Test
  void withoutNvmlTheProbeSaysWhyAndIsUnavailable() throws Exception {
    ProbeResult r = probe(new NvidiaProvider(ABSENT));
    assertThat(r.isAvailable()).isFalse();
    assertThat(r.detail())
        .startsWith("NVML does not load (libnvidia-ml.so.1 not found); needs the NVIDIA driver");
  }

  @Test
  void whereNvmlLoadsTheProbeCountsTheGpus() throws Exception {
    FakeNvml fake = new FakeNvml();
    fake.gpus.add(new FakeNvml.Gpu());
    ProbeResult r = probe(new NvidiaProvider(problems -> new NvmlSource(fake, problems)));
    assertThat(r.isAvailable()).isTrue();
    assertThat(r.detail()).isEqualTo("NVML: 1 GPUs");
    assertThat(fake.shutdowns).isEqualTo(1); // the probe releases NVML
  }

  @Test
  void aMissingNamedNvidiaSmiIsUnavailableWithItsPath() throws Exception {
    Path missing = dir.resolve("nvidia-smi");
    ProbeResult r = probe(new NvidiaProvider(ABSENT), missing.toString());
    assertThat(r.isAvailable()).isFalse();
    assertThat(r.detail()).isEqualTo(missing + " is not an executable file");
  }
}
