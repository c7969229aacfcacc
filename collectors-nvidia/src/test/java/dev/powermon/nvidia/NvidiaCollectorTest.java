package dev.powermon.nvidia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.api.MeterClass;
import dev.powermon.testkit.DeclarationCheck;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.RecordedReadings;
import dev.powermon.testkit.TestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector through a fake {@code nvidia-smi} script printing the project's fixtures (NVML does
 * not load here), and through a fake NVML for the energy counter.
 */
class NvidiaCollectorTest {
  private static final String RTX5090 = "GPU-11223344-5566-7788-99aa-bbccddeeff00";

  @TempDir Path dir;

  /**
   * A fake nvidia-smi: new drivers print the 570 fixture; old ones refuse its fields, as 535 does.
   */
  private Path fakeSmi(String mode) throws Exception {
    Path fixtures = Path.of("src/test/resources/fixtures").toAbsolutePath();
    String script =
        "#!/bin/sh\n"
            + "case \"$1\" in --query-gpu=*) ;; *) echo 'unexpected arguments' >&2; exit 9;; esac\n"
            + "case \"$2\" in --format=csv,noheader,nounits) ;; *) exit 9;; esac\n"
            + "case '"
            + mode
            + "' in\n"
            + "  new) cat '"
            + fixtures.resolve("smi-570.csv")
            + "';;\n"
            + "  old) case \"$1\" in *power.draw.average*) cat '"
            + fixtures.resolve("smi-old-driver-refuses-570-fields.txt")
            + "'; exit 2;; esac\n"
            + "       cat '"
            + fixtures.resolve("smi-535-legacy.csv")
            + "';;\n"
            + "  hang) exec sleep 60;;\n"
            + "esac\n";
    Path smi = dir.resolve("nvidia-smi");
    Files.writeString(smi, script);
    Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
    return smi;
  }

  /** As on a host without the NVIDIA driver, whatever this machine has. */
  private static NvidiaProvider smiOnly() {
    return new NvidiaProvider(
        problems -> {
          throw new IOException(
              "NVML does not load (libnvidia-ml.so.1 not found); needs the NVIDIA driver");
        });
  }

  private TestContext context(Path smi, String timeout) {
    return TestContext.forProvider(new NvidiaProvider())
        .setting("nvidia-smi", smi.toString())
        .setting("timeout", timeout)
        .setting("interval", "100ms")
        .build();
  }

  @Test
  void driver570ThroughNvidiaSmi() throws Exception {
    try (TestContext ctx = context(fakeSmi("new"), "5s");
        NvidiaCollector c = (NvidiaCollector) smiOnly().open(ctx)) {
      MetricValues m = MetricValues.of(c.collect());
      DeclarationCheck.assertEmitsOnlyDeclared(new NvidiaProvider(), c.collect());
      assertThat(
              m.value(
                  "powermon_nvidia_gpu_info",
                  "device",
                  RTX5090,
                  "index",
                  "0",
                  "backend",
                  "nvidia-smi",
                  "pci_bus_id",
                  "00000000:01:00.0",
                  "name",
                  "NVIDIA GeForce RTX 5090"))
          .isEqualTo(1.0);
      assertThat(m.value("powermon_nvidia_power_limit_watts", "device", RTX5090)).isEqualTo(575.0);
      assertThat(m.value("powermon_nvidia_utilization_ratio", "device", RTX5090, "kind", "memory"))
          .isEqualTo(0.62);
      assertThat(m.value("powermon_nvidia_clock_hertz", "device", RTX5090, "clock", "memory"))
          .isEqualTo(1.4001e10);
      RecordedReadings r = ctx.readings("nvidia");
      assertThat(r.meterClass()).isEqualTo(MeterClass.COMPONENT);
      assertThat(r.last(RTX5090, "total").watts()).isEqualTo(455.10);
      assertThat(r.last(RTX5090, "total").joules()).isNaN();
      assertThat(c.summary())
          .contains(
              "GPU 0  NVIDIA GeForce RTX 5090  "
                  + RTX5090
                  + "  00000000:01:00.0  455.10 W  (nvidia-smi)");
      assertThat(c.samplingInterval())
          .contains(Duration.ofMillis(5100)); // interval + nvidia-smi's deadline
    }
  }

  @Test
  void anOlderDriverIsAskedForPowerDrawOnceItRefusesTheNewFields() throws Exception {
    try (TestContext ctx = context(fakeSmi("old"), "5s");
        NvidiaCollector c = (NvidiaCollector) smiOnly().open(ctx)) {
      RecordedReadings r = ctx.readings("nvidia");
      assertThat(r.last("GPU-6a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9", "total").watts())
          .isEqualTo(312.45);
      // the T400 prints [N/A]: it has no power series, its temperature is still there
      assertThat(r.of("GPU-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "total")).isEmpty();
      assertThat(
              MetricValues.of(c.collect())
                  .value(
                      "powermon_nvidia_temperature_celsius",
                      "device",
                      "GPU-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"))
          .isEqualTo(41.0);
      assertThat(ctx.problems().failing()).isEmpty();
    }
  }

  @Test
  void aHangingNvidiaSmiIsKilledAtItsDeadlineAndFailsTheCollection() throws Exception {
    try (TestContext ctx = context(fakeSmi("hang"), "300ms");
        NvidiaCollector c = (NvidiaCollector) smiOnly().open(ctx)) {
      assertThatThrownBy(c::collect)
          .isInstanceOf(IOException.class)
          .hasMessage(
              dir.resolve("nvidia-smi")
                  + " did not answer within 300 ms and was stopped (a wedged driver?)");
    }
    // closing stops the run under way too: no nvidia-smi is left behind
    assertThat(
            ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").endsWith("sleep"))
                .count())
        .isZero();
  }

  @Test
  void nvmlsEnergyCounterAndPowerGoToTheCoreTogether() throws Exception {
    FakeNvml nvml = new FakeNvml();
    nvml.gpus.add(new FakeNvml.Gpu());
    try (TestContext ctx = TestContext.forProvider(new NvidiaProvider()).build();
        NvidiaCollector c =
            NvidiaCollector.start(
                ctx,
                new NvmlSource(nvml, ctx.problems()),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10))) {
      RecordedReadings.Reading r =
          ctx.readings("nvidia").last("GPU-00000000-0000-0000-0000-000000000000", "total");
      assertThat(r.watts()).isEqualTo(312.5);
      assertThat(r.joules()).isEqualTo(9_000_000.0);
      assertThat(MetricValues.of(c.collect()).value("powermon_nvidia_gpu_info", "backend", "nvml"))
          .isEqualTo(1.0);
    }
    assertThat(nvml.shutdowns).isEqualTo(1);
  }
}
