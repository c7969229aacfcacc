package dev.powermon.hwmon;

import dev.powermon.api.ParseProblems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Reads each chip on a thread of its own with a deadline per sample, so a read that never returns
 * (an ACPI method or a bus that hangs) costs only its chip: it is left out, and reported under its
 * {@code hwmonN}, until that read returns. At most one read per chip is in flight, so the threads
 * held by stuck reads are bounded by the number of chips.
 */
final class ChipReads implements AutoCloseable {
  private final Duration deadline;
  private final ParseProblems problems;
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "hwmon-read");
            t.setDaemon(true);
            return t;
          });
  private final Map<Path, Future<Chip>> inFlight = new HashMap<>();

  ChipReads(Duration deadline, ParseProblems problems) {
    this.deadline = deadline;
    this.problems = problems;
  }

  /**
   * The chips of {@code dirs} that were read within the deadline, in order. Called from one thread.
   */
  List<Chip> read(List<Path> dirs, Function<Path, Chip> reader) {
    Map<Path, Future<Chip>> started = new LinkedHashMap<>();
    for (Path dir : dirs) {
      Future<Chip> previous = inFlight.get(dir);
      if (previous != null && !previous.isDone()) {
        stuck(dir);
        continue;
      }
      Future<Chip> f = pool.submit(() -> reader.apply(dir));
      inFlight.put(dir, f);
      started.put(dir, f);
    }
    inFlight.keySet().retainAll(dirs); // a chip that went away takes its entry with it
    List<Chip> out = new ArrayList<>();
    long end = System.nanoTime() + deadline.toNanos();
    for (Map.Entry<Path, Future<Chip>> e : started.entrySet()) {
      try {
        out.add(e.getValue().get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS));
        problems.ok(field(e.getKey()));
      } catch (TimeoutException notYet) {
        stuck(e.getKey());
      } catch (ExecutionException failed) {
        problems.problem(field(e.getKey()), "read failed: " + failed.getCause());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return out;
  }

  private void stuck(Path dir) {
    problems.problem(
        field(dir),
        "a read has not returned within "
            + deadline.toMillis()
            + " ms; the chip is left out until it does");
  }

  private static String field(Path dir) {
    return dir.getFileName().toString();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
