package dev.powermon.rapl;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link SysFiles} whose every call returns within {@link #DEADLINE}, so one stuck file (a FIFO in
 * place of {@code energy_uj}, a hung network file system) cannot freeze the sampler and the other
 * zones. Reads run on a small pool; a read past its deadline fails with {@link StuckReadException},
 * keeps its thread (a blocked read cannot be interrupted), and until it returns every later read of
 * the same file fails at once instead of blocking another thread.
 */
final class DeadlineFiles implements SysFiles, AutoCloseable {
  /**
   * A sysfs read takes microseconds (an MSR read on another CPU, a few); a second is a hang. Not
   * less: on a loaded machine a pool thread can wait hundreds of milliseconds to run at all, and a
   * healthy zone must not be taken for a stuck one (seen at 250 ms with eight builds on two cores).
   */
  static final Duration DEADLINE = Duration.ofSeconds(1);

  /** At most this many reads in flight: stuck ones plus the one being made. */
  static final int MAX_THREADS = 17;

  private final SysFiles real;
  private final Clock clock;
  private final long deadlineNanos;
  private final Map<Path, Instant> stuck = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor pool =
      new ThreadPoolExecutor(
          0,
          MAX_THREADS,
          30,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          r -> {
            Thread t = new Thread(r, "rapl-read");
            t.setDaemon(true);
            return t;
          });

  DeadlineFiles(SysFiles real, Clock clock) {
    this(real, clock, DEADLINE);
  }

  /** For tests: a shorter deadline. */
  DeadlineFiles(SysFiles real, Clock clock, Duration deadline) {
    this.real = real;
    this.clock = clock;
    this.deadlineNanos = deadline.toNanos();
  }

  @Override
  public String read(Path file) throws IOException {
    return call(file, () -> real.read(file));
  }

  @Override
  public List<Path> list(Path dir) throws IOException {
    return call(dir, () -> real.list(dir));
  }

  @Override
  public byte[] readAt(Path file, long offset, int length) throws IOException {
    return call(file, () -> real.readAt(file, offset, length));
  }

  /** Stops idle threads; reads still stuck keep theirs until they return. */
  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** One blocking call of {@link SysFiles}. */
  private interface Io<T> {
    T call() throws IOException;
  }

  private <T> T call(Path file, Io<T> io) throws IOException {
    Instant since = stuck.get(file);
    if (since != null) {
      throw new StuckReadException(file, since);
    }
    Future<T> future;
    try {
      future =
          pool.submit(
              (Callable<T>)
                  () -> {
                    try {
                      return io.call();
                    } finally {
                      stuck.remove(file);
                    }
                  });
    } catch (RejectedExecutionException e) {
      throw new IOException(file + ": not read, " + MAX_THREADS + " reads are already stuck");
    }
    try {
      return future.get(deadlineNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      Instant now = clock.instant();
      stuck.put(file, now);
      if (future.isDone()) {
        stuck.remove(file); // it returned between the deadline and the line above
      }
      throw new StuckReadException(file, now);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(file + ": interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException failure) {
        throw failure;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
    }
  }
}
