package dev.powermon.exporter.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration until the command line is read (logfmt to stderr, info; OSHI's chatter at
 * warn), in code: Logback finds it through ServiceLoader before it looks for XML, so start-up
 * parses no XML (Joran and the JDK's SAX parser cost ~450 classes and 0.1–0.5 s). {@link
 * Logging#configure} then applies the log level and format flags.
 *
 * <p>An operator's {@code -Dlogback.configurationFile} and a test's {@code logback-test.xml} still
 * win: then this one steps aside and Logback reads the file as usual.
 */
public final class LogbackDefaults extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    return configure(
        context,
        System.getProperty("logback.configurationFile") != null
            || LogbackDefaults.class.getClassLoader().getResource("logback-test.xml") != null);
  }

  /** With {@code fileGiven}, Logback goes on to read the file; else this is the configuration. */
  ExecutionStatus configure(LoggerContext context, boolean fileGiven) {
    if (fileGiven) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    Logging.apply(context, Level.INFO, "logfmt");
    context.getLogger("oshi").setLevel(Level.WARN);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
