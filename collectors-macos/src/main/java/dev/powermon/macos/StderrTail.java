package dev.powermon.macos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Drains a child's stderr on a daemon thread (a full pipe would stall the child) and keeps the last
 * non-blank line, cut short, to tell the operator why the child stopped.
 */
final class StderrTail {
  private static final int MAX_LINE = 200;
  private volatile String last;
  private final Thread thread;

  private StderrTail(InputStream stderr) {
    thread = new Thread(() -> drain(stderr), "powermon-powermetrics-stderr");
    thread.setDaemon(true);
  }

  static StderrTail follow(InputStream stderr) {
    StderrTail tail = new StderrTail(stderr);
    tail.thread.start();
    return tail;
  }

  private void drain(InputStream stderr) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
      char[] buffer = new char[4096];
      StringBuilder line = new StringBuilder();
      for (int n; (n = r.read(buffer)) >= 0; ) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            keep(line);
            line.setLength(0);
          } else if (line.length() < MAX_LINE) {
            line.append(buffer[i]);
          }
        }
      }
      keep(line);
    } catch (IOException e) {
      // the process is gone; whatever was read is kept
    }
  }

  private void keep(CharSequence line) {
    String s = line.toString().strip();
    if (!s.isEmpty()) {
      last = dev.powermon.api.LabelValues.fromDevice(s);
    }
  }

  /**
   * The last line, once the child has closed stderr (waits up to a second for the drain to finish).
   */
  Optional<String> lastLine() throws InterruptedException {
    thread.join(1000);
    return Optional.ofNullable(last);
  }
}
