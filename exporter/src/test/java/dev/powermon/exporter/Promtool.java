package dev.powermon.exporter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code promtool check metrics} (Debian package prometheus, installed by .ci/run) on an
 * exposition.
 */
final class Promtool {
  private Promtool() {}

  /** promtool's complaints, empty when it found none. */
  static String checkMetrics(String exposition) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("promtool did not finish in 30 s");
    }
    return p.exitValue() == 0 ? output.strip() : "exit " + p.exitValue() + ": " + output;
  }
}
