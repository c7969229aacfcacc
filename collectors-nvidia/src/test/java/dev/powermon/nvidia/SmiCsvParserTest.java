package dev.powermon.nvidia;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.testkit.RecordedProblems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nvidia-smi CSV on the project's recorded-style fixtures, and on broken and hostile output. */
class SmiCsvParserTest {
  private final RecordedProblems problems = new RecordedProblems();

  private static String fixture(String name) throws Exception {
    return Files.readString(Path.of("src/test/resources/fixtures", name));
  }

  @Test
  void driver570PrefersTheAveragedPowerAndSkipsNotSupported() throws Exception {
    List<GpuReading> gpus = SmiCsvParser.parse(fixture("smi-570.csv"), SmiQuery.CURRENT, problems);
    assertThat(gpus).hasSize(2);
    GpuReading g = gpus.get(0);
    assertThat(g.uuid()).isEqualTo("GPU-11223344-5566-7788-99aa-bbccddeeff00");
    assertThat(g.name()).isEqualTo("NVIDIA GeForce RTX 5090");
    assertThat(g.pciBusId()).isEqualTo("00000000:01:00.0");
    assertThat(g.watts()).isEqualTo(455.10); // power.draw.average, not the instant 461.33
    assertThat(g.joules())
        .isNaN(); // nvidia-smi has no energy counter: the core integrates the watts
    assertThat(g.powerLimitWatts()).isEqualTo(575.0);
    assertThat(g.gpuUtilization()).isEqualTo(1.0);
    assertThat(g.memoryUtilization()).isEqualTo(0.62);
    assertThat(g.smClockHertz()).isEqualTo(2.73e9);
    assertThat(gpus.get(1).watts()).isEqualTo(58.2);
    assertThat(problems.failing()).isEmpty(); // [Not Supported] is an answer, not a problem
  }

  @Test
  void legacyDriverReadsPowerDrawAndNaForACardWithoutASensor() throws Exception {
    List<GpuReading> gpus =
        SmiCsvParser.parse(fixture("smi-535-legacy.csv"), SmiQuery.LEGACY, problems);
    assertThat(gpus.get(0).watts()).isEqualTo(312.45);
    assertThat(gpus.get(1).name()).isEqualTo("NVIDIA T400");
    assertThat(gpus.get(1).watts()).isNaN();
    assertThat(gpus.get(1).powerLimitWatts()).isNaN();
    assertThat(gpus.get(1).temperatureCelsius()).isEqualTo(41.0);
    assertThat(problems.failing()).isEmpty();
  }

  @Test
  void truncatedLinesAndWrongTypesCostTheirGpuOrField() throws Exception {
    String out =
        "0, GPU-a, NVIDIA A, 00000000:01:00.0, abc, 350.00, 67, 98, 45, 1935, 9751\n"
            + "1, GPU-b, NVIDIA B, 00000000:02:00.0, 100.5, 350.00, -4, 98, 45, 19"; // cut mid-line
    List<GpuReading> gpus = SmiCsvParser.parse(out, SmiQuery.LEGACY, problems);
    assertThat(gpus).hasSize(1);
    assertThat(gpus.get(0).watts()).isNaN();
    assertThat(gpus.get(0).temperatureCelsius()).isEqualTo(67.0);
    assertThat(problems.failing()).containsOnlyKeys("gpu0.power.draw", "line1");
    assertThat(problems.failing().get("gpu0.power.draw")).isEqualTo("'abc' is not a number");
  }

  @Test
  void aCommaInTheNameStaysInTheName() {
    String out =
        "0, GPU-a, Tesla, rev B, 00000000:01:00.0, 100.0, 350.00, 67, 98, 45, 1935, 9751\n";
    GpuReading g = SmiCsvParser.parse(out, SmiQuery.LEGACY, problems).get(0);
    assertThat(g.name()).isEqualTo("Tesla, rev B");
    assertThat(g.watts()).isEqualTo(100.0);
  }

  @Test
  void oversizedAndHostileOutputIsBounded() {
    String longLine = "0, GPU-a, " + "x".repeat(5000) + ", b, 1, 1, 1, 1, 1, 1, 1\n";
    assertThat(SmiCsvParser.parse(longLine, SmiQuery.LEGACY, problems)).isEmpty();
    String many = "0, GPU-a, A, b, 1, 1, 1, 1, 1, 1, 1\n".repeat(10_000);
    assertThat(SmiCsvParser.parse(many, SmiQuery.LEGACY, problems)).hasSize(SmiCsvParser.MAX_GPUS);
    String hostile = "0, rm -rf /, A, b, NaN, Infinity, 1e400, 1, 1, 1, 1\n";
    assertThat(SmiCsvParser.parse(hostile, SmiQuery.LEGACY, problems)).isEmpty();
    assertThat(problems.count("line0")).isEqualTo(1); // the long line
    assertThat(problems.failing()).containsOnlyKeys("line0.uuid");
  }
}
