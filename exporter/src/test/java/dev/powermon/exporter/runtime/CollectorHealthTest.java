package dev.powermon.exporter.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.powermon.api.ParseProblems;
import dev.powermon.exporter.window.PowerWindows;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Parse problems are counted every time and logged once per change of a field's state. */
class CollectorHealthTest {

  @Test
  void problemsAreCountedPerFieldAndLoggedOncePerStateChange() {
    Logger log = (Logger) LoggerFactory.getLogger("test.health");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    log.addAppender(lines);
    log.setLevel(Level.INFO);
    CollectorHealth health = new CollectorHealth();
    ParseProblems problems = health.problems("kasa", log);

    problems.problem("on_time", "-32400 is negative");
    problems.problem("on_time", "-32399 is negative"); // same state, another number: no new line
    problems.problem("voltage_mv", "not a number: \"abc\"");
    problems.ok("on_time");
    problems.ok("on_time");

    assertThat(lines.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "on_time: -32400 is negative",
            "voltage_mv: not a number: \"abc\"",
            "on_time: usable again");
    MetricSnapshot family =
        health.snapshots(List.of(), new PowerWindows()).stream()
            .filter(f -> f instanceof CounterSnapshot)
            .findFirst()
            .orElseThrow();
    assertThat(family.getDataPoints()).hasSize(2);
    assertThat(((CounterSnapshot) family).getDataPoints())
        .anySatisfy(
            p -> {
              assertThat(p.getLabels().get("collector")).isEqualTo("kasa");
              assertThat(p.getLabels().get("field")).isEqualTo("on_time");
              assertThat(p.getValue()).isEqualTo(2.0);
            });
  }
}
