package dev.powermon.oshi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.testkit.RecordedProblems;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldProblemsTest {

  @Test
  void reportsEveryProblemAndARecoveryOnceAFieldReadsAgain() {
    RecordedProblems recorded = new RecordedProblems();
    FieldProblems problems = new FieldProblems(recorded);

    problems.report(Map.of("cpu_power", "not finite"));
    problems.report(Map.of("cpu_power", "not finite", "gpu_power", "negative"));
    problems.report(Map.of("cpu_power", "not finite"));

    assertThat(recorded.count("cpu_power")).isEqualTo(3);
    assertThat(recorded.count("gpu_power")).isEqualTo(1);
    assertThat(recorded.failing()).containsOnlyKeys("cpu_power");
    problems.report(Map.of());
    assertThat(recorded.failing()).isEmpty();
  }
}
