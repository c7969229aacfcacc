package dev.powermon.macos;

import dev.powermon.api.ParseProblems;
import dev.powermon.oshi.FieldProblems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Runs {@code powermetrics -f plist} and feeds every document it prints into the samples, on its
 * own thread. When the process ends it is started again after a back-off that doubles up to a
 * minute and starts over once a new process delivers samples.
 */
final class PowermetricsSource implements SampleSource {
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
  private static final Duration QUIET_BETWEEN_WARNINGS = Duration.ofMinutes(10);

  private final List<String> command;
  private final Duration firstBackoff;
  private final LongSupplier nanoTime;
  private final Logger log;
  private final Set<String> loggedReasons = new HashSet<>();
  private final FieldProblems fields;
  private final Object lock = new Object();
  private Thread reader;
  private Process process;
  private volatile String problem;
  // reader thread only: the last death warning, and whether "again" has been said since
  private long lastWarning = System.nanoTime() - QUIET_BETWEEN_WARNINGS.toNanos() - 1;
  private boolean warnedUnanswered;
  private boolean closed;

  PowermetricsSource(
      Path executable,
      Duration interval,
      Duration firstBackoff,
      LongSupplier nanoTime,
      Logger log,
      ParseProblems problems) {
    this.command =
        List.of(
            executable.toString(),
            "--samplers",
            "cpu_power,gpu_power,ane_power",
            "-i",
            Long.toString(Math.max(1, interval.toMillis())),
            "-f",
            "plist");
    this.firstBackoff = firstBackoff;
    this.nanoTime = nanoTime;
    this.log = log;
    this.fields = new FieldProblems(problems);
  }

  @Override
  public String name() {
    return "powermetrics";
  }

  @Override
  public void start(SampleLog samples) {
    reader = new Thread(() -> run(samples), "powermon-powermetrics");
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  private void run(SampleLog samples) {
    Duration backoff = firstBackoff;
    while (true) {
      String ended;
      boolean delivered;
      try {
        Process p = launch();
        if (p == null) {
          return; // closed
        }
        StderrTail stderr = StderrTail.follow(p.getErrorStream());
        try (InputStream out = p.getInputStream()) {
          delivered =
              new SampleStream(samples, nanoTime, this::rejected, this::recovered, fields)
                  .read(out);
        }
        int status = p.waitFor();
        if (isClosed()) {
          return;
        }
        ended =
            command.get(0)
                + " exited with status "
                + status
                + stderr.lastLine().map(l -> ": " + l).orElse("");
      } catch (IOException e) {
        if (isClosed()) {
          return;
        }
        delivered = false;
        ended = "cannot run " + command.get(0) + ": " + e.getMessage();
      } catch (InterruptedException e) {
        return; // closed
      }
      backoff = delivered ? firstBackoff : backoff;
      String message = ended + "; restarting in " + backoff.toMillis() + " ms";
      if (problem == null && System.nanoTime() - lastWarning > QUIET_BETWEEN_WARNINGS.toNanos()) {
        log.warn(
            "{}",
            message); // a process that keeps dying after a few samples warns every 10 min, not each
        // time
        lastWarning = System.nanoTime();
        warnedUnanswered = true;
      }
      problem = message;
      samples.restarted();
      if (!sleep(backoff)) {
        return;
      }
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
    }
  }

  private boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  private Process launch() throws IOException {
    synchronized (lock) {
      if (closed) {
        return null;
      }
      process = new ProcessBuilder(command).start();
      process.getOutputStream().close();
      return process;
    }
  }

  private void recovered() {
    if (warnedUnanswered) {
      log.info("powermetrics delivers samples again");
      warnedUnanswered = false;
    }
    problem = null;
  }

  private void rejected(String reason, String message) {
    if (loggedReasons.add(reason)) { // once per kind: the counter tells how often
      log.warn(
          "powermetrics sample rejected ({}): {}; see macos_sample_errors_total", reason, message);
    }
  }

  private boolean sleep(Duration d) {
    synchronized (lock) {
      long end = System.nanoTime() + d.toNanos();
      try {
        for (long left = d.toNanos(); !closed && left > 0; left = end - System.nanoTime()) {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
      } catch (InterruptedException e) {
        return false;
      }
      return !closed;
    }
  }

  @Override
  public void close() {
    Process p;
    synchronized (lock) {
      closed = true;
      p = process;
      lock.notifyAll();
    }
    if (p != null) {
      p.destroy();
      try {
        if (!p.waitFor(2, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    if (reader != null) {
      reader.interrupt();
    }
  }
}
