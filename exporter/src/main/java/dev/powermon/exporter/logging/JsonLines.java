package dev.powermon.exporter.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Locale;
import net.logstash.logback.composite.AbstractFieldJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggerNameJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventFormattedTimestampJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventJsonProviders;
import net.logstash.logback.composite.loggingevent.MessageJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import org.slf4j.event.KeyValuePair;

/**
 * {@code --log.format=json}: one JSON object per line with the keys and values of {@link
 * LogfmtLayout}, in the same order: {@code ts}, {@code level}, {@code logger}, {@code msg}
 * (formatted), the event's key/values as strings, {@code err}. logstash-logback-encoder writes and
 * escapes the JSON; the three fields whose value logfmt shapes (lower-case level, key/values as
 * text, err as class and message) are small providers.
 */
final class JsonLines {
  private JsonLines() {}

  static Encoder<ILoggingEvent> encoder(Context context) {
    LoggingEventJsonProviders providers = new LoggingEventJsonProviders();
    LoggingEventFormattedTimestampJsonProvider ts =
        new LoggingEventFormattedTimestampJsonProvider();
    ts.setFieldName("ts");
    ts.setPattern(LogfmtLayout.TS_PATTERN);
    ts.setTimeZone("UTC");
    providers.addTimestamp(ts);
    providers.addProvider(new Level());
    LoggerNameJsonProvider logger = new LoggerNameJsonProvider();
    logger.setFieldName("logger");
    logger.setShortenedLoggerNameLength(0); // the class name alone, as logfmt prints it
    providers.addLoggerName(logger);
    MessageJsonProvider msg = new MessageJsonProvider();
    msg.setFieldName("msg");
    providers.addMessage(msg);
    providers.addProvider(new KeyValues());
    providers.addProvider(new Error());

    LoggingEventCompositeJsonEncoder encoder = new LoggingEventCompositeJsonEncoder();
    encoder.setContext(context);
    encoder.setProviders(providers);
    encoder.start();
    return encoder;
  }

  /** {@code level}: lower case, as logfmt writes it. */
  private static final class Level extends AbstractFieldJsonProvider<ILoggingEvent> {
    Level() {
      setFieldName("level");
    }

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
      generator.writeStringField(
          getFieldName(), event.getLevel().toString().toLowerCase(Locale.ROOT));
    }
  }

  /**
   * The event's key/values, each as its text (an address as {@code 127.0.0.1:9100}, not an object).
   */
  private static final class KeyValues extends AbstractFieldJsonProvider<ILoggingEvent> {
    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
      if (event.getKeyValuePairs() != null) {
        for (KeyValuePair kv : event.getKeyValuePairs()) {
          generator.writeStringField(kv.key, String.valueOf(kv.value));
        }
      }
    }
  }

  /** {@code err}: the throwable's class and message, one line as in logfmt. */
  private static final class Error extends AbstractFieldJsonProvider<ILoggingEvent> {
    Error() {
      setFieldName("err");
    }

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
      IThrowableProxy error = event.getThrowableProxy();
      if (error != null) {
        generator.writeStringField(
            getFieldName(), error.getClassName() + ": " + error.getMessage());
      }
    }
  }
}
