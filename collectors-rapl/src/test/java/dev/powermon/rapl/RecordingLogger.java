package dev.powermon.rapl;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger that keeps every warning and info line, as formatted, for assertions. */
final class RecordingLogger extends LegacyAbstractLogger {
  final List<String> warnings = new CopyOnWriteArrayList<>();
  final List<String> infos = new CopyOnWriteArrayList<>();

  RecordingLogger() {
    this.name = "rapl-test";
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] args, Throwable throwable) {
    String line = MessageFormatter.basicArrayFormat(pattern, args);
    if (level == Level.WARN || level == Level.ERROR) {
      warnings.add(line);
    } else if (level == Level.INFO) {
      infos.add(line);
    }
  }

  @Override
  public boolean isTraceEnabled() {
    return false;
  }

  @Override
  public boolean isDebugEnabled() {
    return false;
  }

  @Override
  public boolean isInfoEnabled() {
    return true;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }
}
