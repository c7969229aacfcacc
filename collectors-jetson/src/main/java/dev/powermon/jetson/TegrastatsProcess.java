package dev.powermon.jetson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Runs {@code tegrastats --interval <ms>} on a dedicated thread, hands each line to a {@link Listener},
 * and restarts it with exponential backoff when it dies (from the interval up to {@link #MAX_BACKOFF};
 * back to the interval once it produces a good line). Logs once when it starts failing and once when it
 * recovers, never per restart.
 */
final class TegrastatsProcess implements AutoCloseable {
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
  private static final Duration STOP_WAIT = Duration.ofSeconds(2);

  /** Receives what the process prints. Called on the tegrastats thread only. */
  interface Listener {
    /** A complete line; returns whether it was a good tegrastats line. */
    boolean line(String text);

    /** A line cut short (the process died mid-line) or longer than the limit. */
    void badLine();
  }

  private final Path executable;
  private final Duration interval;
  private final Listener listener;
  private final Logger log;
  private final Thread thread;
  private final AtomicLong restarts = new AtomicLong();
  private volatile Process process;
  private volatile boolean closed;
  private boolean failing;

  TegrastatsProcess(Path executable, Duration interval, Listener listener, Logger log) {
    this.executable = executable;
    this.interval = interval;
    this.listener = listener;
    this.log = log;
    this.thread = new Thread(this::superviseUntilClosed, "jetson-tegrastats");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Whether a tegrastats process is alive now. */
  boolean running() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** How many times tegrastats was started again after dying. */
  long restarts() {
    return restarts.get();
  }

  private void superviseUntilClosed() {
    Duration initial = interval.compareTo(MIN_BACKOFF) < 0 ? MIN_BACKOFF : interval;
    Duration backoff = initial;
    while (!closed) {
      boolean producedGoodLines = runOnce();
      if (closed) {
        return;
      }
      backoff = producedGoodLines ? initial : min(backoff.multipliedBy(2), MAX_BACKOFF);
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException e) {
        return; // close() interrupts
      }
      restarts.incrementAndGet();
    }
  }

  /** Starts tegrastats and reads it to its end; true when it printed at least one good line. */
  private boolean runOnce() {
    String millis = Long.toString(Math.max(1, interval.toMillis()));
    Process p;
    try {
      p = new ProcessBuilder(executable.toString(), "--interval", millis)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      failed("cannot start " + executable + ": " + e.getMessage());
      return false;
    }
    process = p;
    if (closed) {
      stop(p);
      return false;
    }
    boolean good = readLines(p);
    waitForExit(p);
    if (!closed) {
      failed(executable + " exited with code " + (p.isAlive() ? "unknown (stopped)" : p.exitValue()));
    }
    return good;
  }

  private boolean readLines(Process p) {
    boolean good = false;
    try (InputStream in = p.getInputStream()) {
      p.getOutputStream().close();
      BoundedLineReader reader = new BoundedLineReader(in, TegrastatsParser.MAX_LINE_CHARS);
      for (BoundedLineReader.Line line = reader.next(); line != null; line = reader.next()) {
        if (!line.complete()) {
          listener.badLine();
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
    if (!failing) {
      failing = true;
      log.warn("{}; restarting it with backoff up to {}s. Check that '{} --interval {}' runs by hand as this user.",
          what, MAX_BACKOFF.toSeconds(), executable, interval.toMillis());
    }
  }

  private void recovered() {
    if (failing) {
      failing = false;
      log.info("{} is printing readings again", executable);
    }
  }

  /** Stops the process and the thread; waits a bounded time for both. */
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
