package dev.powermon.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real child process for tests (a CPU burner, an idle sibling), bounded twice: by timeout(1),
 * should the test's JVM die first, and by {@link #close()}, which kills it. The command runs as
 * timeout's child, which {@link #command()} finds.
 */
public final class BoundedChild implements AutoCloseable {
  private final Process timeout;

  private BoundedChild(Process timeout) {
    this.timeout = timeout;
  }

  /** Runs {@code command} for at most {@code seconds}, its output discarded. */
  public static BoundedChild start(int seconds, String... command) throws IOException {
    List<String> line = new ArrayList<>(List.of("timeout", Integer.toString(seconds)));
    line.addAll(List.of(command));
    return new BoundedChild(
        new ProcessBuilder(line)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start());
  }

  /** The timeout(1) wrapper. */
  public ProcessHandle wrapper() {
    return timeout.toHandle();
  }

  /** The command itself, once timeout(1) has started it (waits up to 2 s). */
  public ProcessHandle command() throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      var child = timeout.children().findFirst();
      if (child.isPresent()) {
        return child.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timeout(1) started no child within 2 s");
  }

  @Override
  public void close() throws InterruptedException {
    timeout.descendants().forEach(ProcessHandle::destroyForcibly);
    timeout.destroyForcibly();
    timeout.waitFor(5, TimeUnit.SECONDS);
  }
}
