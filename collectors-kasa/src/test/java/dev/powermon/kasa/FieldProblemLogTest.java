package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every unusable field is counted; a device's field is logged when it turns bad and when it recovers. */
class FieldProblemLogTest {
  private static final FieldProblems.Problem ON_TIME = new FieldProblems.Problem(
      "system.get_sysinfo.children.on_time", "system.get_sysinfo.children[5].on_time: expected a value >= 0, got -32400.0");
  private static final FieldProblems.Problem RSSI =
      new FieldProblems.Problem("system.get_sysinfo.rssi", "system.get_sysinfo.rssi: expected a number, got string \"x\"");

  @Test
  void countsEveryPollAndLogsOnlyChanges() {
    Logger logger = (Logger) LoggerFactory.getLogger("kasa.field-problem-log-test");
    logger.setLevel(Level.INFO);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    logger.addAppender(events);
    FieldProblemLog log = new FieldProblemLog(logger);

    log.record("127.0.0.1:9999", List.of(ON_TIME));
    log.record("127.0.0.1:9999", List.of(ON_TIME)); // still bad: counted, not logged
    log.record("127.0.0.2:9999", List.of(ON_TIME)); // another device: its own line
    log.record("127.0.0.1:9999", List.of(ON_TIME, RSSI));
    log.record("127.0.0.1:9999", List.of());
    log.record("127.0.0.1:9999", List.of());

    assertThat(log.counts())
        .containsEntry("system.get_sysinfo.children.on_time", 4L)
        .containsEntry("system.get_sysinfo.rssi", 1L);
    assertThat(events.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
        "kasa device 127.0.0.1:9999: system.get_sysinfo.children[5].on_time: expected a value >= 0, got -32400.0; "
            + "that reading is left out, the device's others are kept (counted in powermon_parse_problems_total)",
        "kasa device 127.0.0.2:9999: system.get_sysinfo.children[5].on_time: expected a value >= 0, got -32400.0; "
            + "that reading is left out, the device's others are kept (counted in powermon_parse_problems_total)",
        "kasa device 127.0.0.1:9999: system.get_sysinfo.rssi: expected a number, got string \"x\"; "
            + "that reading is left out, the device's others are kept (counted in powermon_parse_problems_total)",
        "kasa device 127.0.0.1:9999: system.get_sysinfo.children.on_time is usable again",
        "kasa device 127.0.0.1:9999: system.get_sysinfo.rssi is usable again");
  }
}
