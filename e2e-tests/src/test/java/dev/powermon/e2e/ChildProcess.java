package dev.powermon.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A server started for a test (Prometheus, the exporter), its output kept in a log file. */
final class ChildProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static ChildProcess start(String name, List<String> command, Path workDir) throws IOException {
    return start(name, command, workDir, Map.of());
  }

  /**
   * With {@code environment} changed: each name set to its value, or removed where the value is
   * empty.
   */
  static ChildProcess start(
      String name, List<String> command, Path workDir, Map<String, String> environment)
      throws IOException {
    Path log = workDir.resolve(name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    environment.forEach(
        (key, value) -> {
          if (value.isEmpty()) {
            builder.environment().remove(key);
          } else {
            builder.environment().put(key, value);
          }
        });
    Process process = builder.start();
    process.getOutputStream().close();
    return new ChildProcess(name, process, log);
  }

  /** A readiness check, such as an HTTP answer from the child. */
  @FunctionalInterface
  interface Check {
    boolean holds() throws InterruptedException;
  }

  /**
   * Polls {@code ready} until it holds while this process lives. If the process exits first, or
   * {@code timeout} passes, stops it and throws: {@link FreePort.TakenException} when it said a
   * port was taken, else an {@link IllegalStateException} with the end of its output.
   */
  void awaitReady(Check ready, Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    // Alive after the answer too: whoever took a port may answer on it while this child exits.
    while (!ready.holds() || !process.isAlive()) {
      boolean exited = !process.isAlive();
      if (exited || Instant.now().isAfter(deadline)) {
        String output = output();
        close();
        if (exited && FreePort.saysTaken(output)) {
          throw new FreePort.TakenException(tail());
        }
        throw new IllegalStateException(
            name + (exited ? " exited" : " was not ready within " + timeout) + "\n" + tail());
      }
      Thread.sleep(200);
    }
  }

  /** Its process id, for a look at /proc/PID. */
  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the process has written so far. */
  String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** The last lines of the process's output, for failure messages. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return name
          + " output:\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return name + " output unreadable: " + e;
    }
  }

  /**
   * Sends SIGTERM and waits up to {@code seconds} for the exit; its exit code, or null if still
   * running.
   */
  Integer terminate(long seconds) throws InterruptedException {
    process.destroy();
    return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : null;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
    }
  }
}
