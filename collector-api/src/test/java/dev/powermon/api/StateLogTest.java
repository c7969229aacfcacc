package dev.powermon.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StateLogTest {
  private final RecordingLogger logger = new RecordingLogger();
  private final StateLog log = new StateLog(logger);

  @Test
  void logsWhenTheStateChangesNotWhenOnlyItsNumbersDo() {
    assertThat(log.failing("plug-1", "read 3 bytes of 40")).isTrue();
    assertThat(log.failing("plug-1", "read 7 bytes of 40")).isFalse(); // same state, other numbers
    assertThat(log.failing("plug-1", "connection refused")).isTrue(); // another reason
    assertThat(log.ok("plug-1", "answering again")).isTrue();
    assertThat(log.ok("plug-1", "answering again")).isFalse(); // already fine

    assertThat(logger.lines)
        .containsExactly(
            "WARN plug-1: read 3 bytes of 40",
            "WARN plug-1: connection refused",
            "INFO plug-1: answering again");
  }

  @Test
  void keysAreIndependent() {
    log.failing("on_time", "-32400 is negative");
    log.failing("voltage", "missing");
    log.failing("on_time", "-32399 is negative");

    assertThat(logger.lines).hasSize(2);
    assertThat(log.isFailing("on_time")).isTrue();
    assertThat(log.isFailing("current")).isFalse();
  }

  @Test
  void aNumberWithSignDecimalsOrExponentIsOneNumber() {
    assertThat(StateLog.shape("got -1.5e3 W at 12:00")).isEqualTo("got # W at #:#");
  }
}
