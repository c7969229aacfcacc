package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One line when a device starts failing or recovers; nothing while it stays as it was. */
class DeviceLogTest {
  private static final SysInfo INFO = new SysInfo("ID", "Desk", "KP115(EU)", "", "", "", SysInfo.Kind.PLUG,
      "TIM:ENE", 1.0, 0.0, -50.0, 10.0, 0.0, List.of(), true);
  private static final DeviceState OK = new DeviceState("127.0.0.1:9999", "127.0.0.1", "ID",
      new DeviceReading(INFO, 1.0, new Realtime(5.0, 230.0, 0.02, 10.0), List.of(), List.of()), null, 0.01, Map.of());
  private static final DeviceState FAILED =
      new DeviceState("127.0.0.1:9999", "127.0.0.1", "ID", null, "Connection refused", 0.01, Map.of());

  @Test
  void logsStateChangesOnly() {
    Logger logger = (Logger) LoggerFactory.getLogger("kasa.device-log-test");
    logger.setLevel(Level.INFO);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    logger.addAppender(events);
    DeviceLog log = new DeviceLog(logger);

    log.changed(null, FAILED);
    log.changed(FAILED, FAILED);
    log.changed(FAILED, OK);
    log.changed(OK, OK);
    log.changed(OK, FAILED);

    assertThat(events.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO, Level.WARN);
    assertThat(events.list.get(0).getFormattedMessage())
        .startsWith("kasa device 127.0.0.1:9999 failed (Connection refused); its readings are withheld")
        .contains("reachable on TCP 9999");
    assertThat(events.list.get(1).getFormattedMessage())
        .isEqualTo("kasa device 127.0.0.1:9999 answers: KP115(EU) \"Desk\" (id ID)");
  }
}
