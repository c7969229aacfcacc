package dev.powermon.exporter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class LogbackDefaultsTest {
  @Test
  void logbackFindsItThroughServiceLoader() {
    assertThat(ServiceLoader.load(Configurator.class).stream().map(p -> p.type().getName()))
        .contains(LogbackDefaults.class.getName());
  }

  @Test
  void withoutAFileItIsTheConfiguration() {
    LoggerContext context = new LoggerContext();

    ExecutionStatus status = new LogbackDefaults().configure(context, false);

    assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    ConsoleAppender<?> appender = (ConsoleAppender<?>) root.getAppender("STDERR");
    assertThat(appender.getTarget()).isEqualTo("System.err");
    assertThat(((LayoutWrappingEncoder<?>) appender.getEncoder()).getLayout())
        .isInstanceOf(LogfmtLayout.class);
    assertThat(context.getLogger("oshi").getLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void anOperatorsFileIsReadInstead() {
    LoggerContext context = new LoggerContext();

    ExecutionStatus status = new LogbackDefaults().configure(context, true);

    assertThat(status).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
  }
}
