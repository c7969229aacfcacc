package dev.powermon.oshi;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FieldProblemsTest {

  @Test
  void countsEveryProblemAndLogsOnlyWhenAFieldStartsOrStopsFailing() {
    Logger logger = (Logger) LoggerFactory.getLogger("test.fields");
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    FieldProblems problems = new FieldProblems(logger, "powermetrics");

    problems.report(Map.of("cpu_power", "nan"));
    problems.report(Map.of("cpu_power", "nan", "gpu_power", "negative: -5"));
    problems.report(Map.of("cpu_power", "nan"));
    problems.report(Map.of());

    assertThat(problems.counts()).containsExactly(Map.entry("cpu_power", 3L), Map.entry("gpu_power", 1L));
    assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
        "powermetrics field cpu_power is unusable, its series are left out until it reads again: nan",
        "powermetrics field gpu_power is unusable, its series are left out until it reads again: negative: -5",
        "powermetrics field gpu_power reads again",
        "powermetrics field cpu_power reads again");
  }
}
