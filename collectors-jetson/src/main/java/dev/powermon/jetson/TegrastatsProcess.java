package dev.powermon.jetson;

import dev.powermon.api.StateLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Runs {@code tegrastats --interval <ms>} on a dedicated thread, hands each line to a {@link
 * Listener}, and restarts it with exponential backoff when it dies (from the interval up to {@link
 * #MAX_BACKOFF}; back to the interval once it produces a good line). Logs once when it starts
 * failing and once when it recovers, never per restart. Output is read at a bounded cost ({@link
 * ReadPacer}). A process that ends because the collector is closing, or by a stop signal sent to
 * the whole process group at shutdown (systemd, Ctrl-C), is not a crash: the failure is logged only
 * when a restart is actually due.
 */
final class TegrastatsProcess implements TegrastatsSource {
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** Exit codes of a shell-style process ended by SIGTERM and SIGINT (128 + signal number). */
  private static final int SIGTERM_EXIT = 143;

  private static final int SIGINT_EXIT = 130;
  private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
  private static final Duration STOP_WAIT = Duration.ofSeconds(2);

  /** After a stop signal, wait at least this long before restarting: the stop is likely ours. */
  private static final Duration AFTER_SIGNAL = Duration.ofSeconds(1);

  /** How one run ended: whether it printed a good line, and what to say if it must be restarted. */
  private record Run(boolean producedGoodLines, String exit, boolean signalled) {}

  private final Path executable;
  private final Duration interval;
  private volatile Listener listener;
  private final Thread thread;
  private final AtomicLong restarts = new AtomicLong();
  private volatile Process process;
  private volatile boolean closed;
  private final StateLog states;

  TegrastatsProcess(Path executable, Duration interval, Logger log) {
    this.executable = executable;
    this.interval = interval;
    this.states = new StateLog(log);
    this.thread = new Thread(this::superviseUntilClosed, "jetson-tegrastats");
    this.thread.setDaemon(true);
  }

  @Override
  public void start(Listener listener) {
    this.listener = listener;
    thread.start();
  }

  @Override
  public boolean running() {
    Process p = process;
    return p != null && p.isAlive();
  }

  @Override
  public long restarts() {
    return restarts.get();
  }

  private void superviseUntilClosed() {
    Duration initial = interval.compareTo(MIN_BACKOFF) < 0 ? MIN_BACKOFF : interval;
    Duration backoff = initial;
    while (!closed) {
      Run run = runOnce();
      if (closed) {
        return;
      }
      backoff = run.producedGoodLines() ? initial : min(backoff.multipliedBy(2), MAX_BACKOFF);
      Duration wait =
          run.signalled() && backoff.compareTo(AFTER_SIGNAL) < 0 ? AFTER_SIGNAL : backoff;
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        return; // close() interrupts
      }
      if (closed) {
        return;
      }
      failed(run.exit());
      restarts.incrementAndGet();
    }
  }

  /** Starts tegrastats and reads it to its end. */
  private Run runOnce() {
    String millis = Long.toString(Math.max(1, interval.toMillis()));
    Process p;
    try {
      p =
          new ProcessBuilder(executable.toString(), "--interval", millis)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      return new Run(false, "cannot start " + executable + ": " + e.getMessage(), false);
    }
    process = p;
    if (closed) {
      stop(p);
      return new Run(false, "", false);
    }
    boolean good = readLines(p);
    waitForExit(p);
    if (p.isAlive()) {
      return new Run(good, executable + " stopped printing and was stopped", false);
    }
    int code = p.exitValue();
    return new Run(
        good,
        executable + " exited with code " + code,
        code == SIGTERM_EXIT || code == SIGINT_EXIT);
  }

  private boolean readLines(Process p) {
    boolean good = false;
    ReadPacer pacer = ReadPacer.realTime(interval);
    try (InputStream in = pacer.paced(p.getInputStream())) {
      p.getOutputStream().close();
      BoundedLineReader reader = new BoundedLineReader(in, TegrastatsParser.MAX_LINE_CHARS);
      for (BoundedLineReader.Line line = reader.next(); line != null; line = reader.next()) {
        if (line.end() == BoundedLineReader.End.TOO_LONG) {
          listener.dropped(Drop.TOO_LONG);
        } else if (line.end() == BoundedLineReader.End.CUT_SHORT) {
          listener.dropped(Drop.CUT_SHORT);
        } else if (!pacer.admitLine()) {
          listener.dropped(Drop.RATE);
        } else if (listener.line(line.text())) {
          good = true;
          recovered();
        }
      }
    } catch (IOException e) {
      // the pipe closed under us (close() stopped the process): the exit code tells the rest
    }
    return good;
  }

  private void waitForExit(Process p) {
    try {
      if (!p.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        stop(p);
      }
    } catch (InterruptedException e) {
      stop(p);
      Thread.currentThread().interrupt();
    }
  }

  private void failed(String what) {
    states.failing(
        executable.toString(),
        what
            + "; restarting it with backoff up to "
            + MAX_BACKOFF.toSeconds()
            + "s. Check that '"
            + executable
            + " --interval "
            + interval.toMillis()
            + "' runs by hand as this user.");
  }

  private void recovered() {
    states.ok(executable.toString(), "printing readings again");
  }

  @Override
  public void close() {
    closed = true;
    Process p = process;
    if (p != null) {
      stop(p);
    }
    thread.interrupt();
    try {
      thread.join(STOP_WAIT.toMillis() * 2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Children first: a wrapper script's child would otherwise keep the pipe open. */
  private static void stop(Process p) {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    try {
      if (!p.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
