package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.testkit.RecordedProblems;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Problems go to the core per poll; a field recovers only when no device has it wrong. */
class FieldProblemReportsTest {
  private static final String ON_TIME = "system.get_sysinfo.children.on_time";
  private static final FieldProblems.Problem NEGATIVE =
      new FieldProblems.Problem(
          ON_TIME, "system.get_sysinfo.children[5].on_time: expected a value >= 0, got -32400.0");

  private final RecordedProblems problems = new RecordedProblems();
  private final FieldProblemReports reports = new FieldProblemReports(problems);

  @Test
  void everyPollCountsAndTheReasonNamesTheDevice() {
    reports.record("127.0.0.1:9999", List.of(NEGATIVE));
    reports.record("127.0.0.1:9999", List.of(NEGATIVE));
    assertThat(problems.count(ON_TIME)).isEqualTo(2);
    assertThat(problems.failing())
        .containsEntry(
            ON_TIME,
            "kasa device 127.0.0.1:9999: "
                + "system.get_sysinfo.children[5].on_time: expected a value >= 0, got -32400.0; that reading is left out");
  }

  @Test
  void aFieldRecoversOnlyWhenNoDeviceHasItWrong() {
    reports.record("127.0.0.1:9999", List.of(NEGATIVE));
    reports.record("127.0.0.2:9999", List.of(NEGATIVE));
    reports.record(
        "127.0.0.3:9999", List.of()); // a healthy device does not clear the others' problem
    reports.record("127.0.0.1:9999", List.of());
    assertThat(problems.failing()).containsOnlyKeys(ON_TIME);
    reports.forget("127.0.0.2:9999"); // the last one with it is no longer polled
    assertThat(problems.failing()).isEmpty();
    assertThat(problems.count(ON_TIME)).isEqualTo(2);
  }
}
