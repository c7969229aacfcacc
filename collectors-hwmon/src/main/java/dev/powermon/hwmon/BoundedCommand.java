package dev.powermon.hwmon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short command as a supervised child: its output is read to at most {@code maxBytes}, and a
 * child still running at the deadline is stopped with its descendants. Never blocks past the
 * deadline plus the time a killed process takes to go.
 */
final class BoundedCommand {
  private static final Duration STOP_WAIT = Duration.ofSeconds(2);

  private BoundedCommand() {}

  /**
   * @return standard output, when the command exited 0 within the deadline
   * @throws IOException naming the command and what went wrong (not found, exit code, deadline)
   */
  static String run(List<String> command, Duration deadline, int maxBytes) throws IOException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> drain(p.getInputStream(), out, maxBytes), "bounded-command");
    reader.setDaemon(true);
    reader.start();
    try {
      p.getOutputStream().close();
      if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        stop(p);
        throw new IOException(
            String.join(" ", command) + " did not finish within " + deadline.toMillis() + " ms");
      }
      reader.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      stop(p);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited with code " + p.exitValue());
    }
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /**
   * Keeps the first {@code maxBytes}, reads the rest away so the child never blocks on a full pipe.
   */
  private static void drain(InputStream in, ByteArrayOutputStream out, int maxBytes) {
    byte[] buf = new byte[4096];
    try (in) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        synchronized (out) {
          out.write(buf, 0, Math.max(0, Math.min(n, maxBytes - out.size())));
        }
      }
    } catch (IOException e) {
      // the child was stopped: what was read is kept
    }
  }

  private static void stop(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
