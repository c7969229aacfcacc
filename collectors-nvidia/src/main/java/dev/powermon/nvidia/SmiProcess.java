package dev.powermon.nvidia;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs nvidia-smi once as a supervised child: output (with its error stream, where it explains a
 * refused field) read to at most {@link #MAX_BYTES}; a child still running at the deadline is
 * killed with its descendants (nvidia_gpu_exporter #142: an nvidia-smi that hangs on a wedged
 * driver).
 */
final class SmiProcess {
  static final int MAX_BYTES = 64 * 1024;
  private static final Duration REAP_WAIT = Duration.ofSeconds(2);

  /** What one run printed and how it ended. */
  record Result(int exitCode, String output) {}

  private SmiProcess() {}

  /**
   * @throws IOException when it cannot start or is still running at the deadline (then it is
   *     killed)
   */
  static Result run(List<String> command, Duration deadline) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> keepFirst(p.getInputStream(), out), "nvidia-smi-output");
    reader.setDaemon(true);
    reader.start();
    try {
      p.getOutputStream().close();
      if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(p);
        throw new IOException(
            command.get(0)
                + " did not answer within "
                + deadline.toMillis()
                + " ms and was stopped (a wedged driver?)");
      }
      reader.join(REAP_WAIT.toMillis());
    } catch (InterruptedException e) {
      kill(p);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
    synchronized (out) {
      return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }
  }

  private static void keepFirst(InputStream in, ByteArrayOutputStream out) {
    byte[] buf = new byte[8192];
    try (in) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        synchronized (out) {
          out.write(buf, 0, Math.max(0, Math.min(n, MAX_BYTES - out.size())));
        }
      }
    } catch (IOException e) {
      // killed at the deadline: the caller reports that
    }
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(REAP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
