package dev.powermon.nvidia;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.testkit.RecordedProblems;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link NvmlSource} through a fake NVML: units, unsigned values, unsupported and failing queries.
 */
class NvmlSourceTest {
  private final FakeNvml nvml = new FakeNvml();
  private final RecordedProblems problems = new RecordedProblems();

  @Test
  void readsEveryFieldInBaseUnits() throws Exception {
    FakeNvml.Gpu h100 = new FakeNvml.Gpu();
    h100.processes.add(new int[] {4242, 63});
    nvml.gpus.add(h100);
    GpuReading g = new NvmlSource(nvml, problems).read().get(0);
    assertThat(g.uuid()).isEqualTo("GPU-00000000-0000-0000-0000-000000000000");
    assertThat(g.name()).isEqualTo("NVIDIA H100 80GB HBM3");
    assertThat(g.pciBusId()).isEqualTo("00000000:3B:00.0");
    assertThat(g.watts()).isEqualTo(312.5); // 312500 mW
    assertThat(g.joules()).isEqualTo(9_000_000.0); // 9e9 mJ
    assertThat(g.powerLimitWatts()).isEqualTo(700.0);
    assertThat(g.temperatureCelsius()).isEqualTo(54.0);
    assertThat(g.gpuUtilization()).isEqualTo(0.87);
    assertThat(g.memoryUtilization()).isEqualTo(0.40);
    assertThat(g.smClockHertz()).isEqualTo(1.98e9);
    assertThat(g.memoryClockHertz()).isEqualTo(2.619e9);
    assertThat(g.processes()).containsExactly(new GpuReading.ProcessUtilization(4242, 0.63));
    assertThat(problems.failing()).isEmpty();
  }

  @Test
  void aGpuBeforeVoltaHasNoEnergyCounterAndThatIsNoProblem() throws Exception {
    FakeNvml.Gpu pascal = new FakeNvml.Gpu();
    pascal.energyError = NvmlLibrary.ERROR_NOT_SUPPORTED;
    nvml.gpus.add(pascal);
    GpuReading g = new NvmlSource(nvml, problems).read().get(0);
    assertThat(g.joules()).isNaN();
    assertThat(g.watts()).isEqualTo(312.5);
    assertThat(problems.failing()).isEmpty();
  }

  @Test
  void aFailingQueryCostsItsFieldAndIsCounted() throws Exception {
    FakeNvml.Gpu bad = new FakeNvml.Gpu();
    bad.temperatureError = 999;
    FakeNvml.Gpu noUuid = new FakeNvml.Gpu();
    noUuid.uuidError = NvmlLibrary.ERROR_GPU_IS_LOST;
    nvml.gpus.addAll(List.of(bad, noUuid));
    List<GpuReading> gpus = new NvmlSource(nvml, problems).read();
    assertThat(gpus).hasSize(1); // the lost GPU is left out
    assertThat(gpus.get(0).temperatureCelsius()).isNaN();
    assertThat(gpus.get(0).watts()).isEqualTo(312.5);
    assertThat(problems.failing()).containsOnlyKeys("gpu0.temperature", "gpu1.uuid");
    assertThat(problems.failing().get("gpu0.temperature"))
        .isEqualTo("Unknown Error (nvmlReturn_t 999)");
  }

  @Test
  void unsignedValuesPastTheSignedRangeStayPositive() {
    assertThat(NvmlSource.unsignedLong(-1L)).isEqualTo(1.8446744073709552e19);
    assertThat(NvmlSource.unsignedLong(Long.MAX_VALUE)).isEqualTo(9.223372036854776e18);
    assertThat(NvmlSource.cString(new byte[] {'a', 'b', 0, 'c'})).isEqualTo("ab");
    assertThat(NvmlSource.cString(new byte[] {'a', 'b'}))
        .isEqualTo("ab"); // no terminator: bounded by the buffer
  }
}
