package dev.powermon.jetson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pacer on a clock that moves only when it sleeps: budgets per window, exactly. */
class ReadPacerTest {
  private static final Duration INTERVAL = Duration.ofMillis(100);
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final AtomicLong slept = new AtomicLong();
  private final ReadPacer pacer =
      new ReadPacer(
          INTERVAL,
          now::get,
          n -> {
            slept.addAndGet(n);
            now.addAndGet(n);
          });

  @Test
  void twoLinesPerWindowThenDroppedUntilTheNextWindow() {
    assertThat(pacer.admitLine()).isTrue();
    assertThat(pacer.admitLine()).isTrue();
    assertThat(pacer.admitLine()).isFalse();
    assertThat(pacer.admitLine()).isFalse();

    now.addAndGet(INTERVAL.toNanos());

    assertThat(pacer.admitLine()).isTrue();
  }

  @Test
  void aFloodIsReadOneBudgetPerWindow() throws Exception {
    InputStream flood =
        pacer.paced(new ByteArrayInputStream(new byte[10 * ReadPacer.BYTES_PER_WINDOW]));
    byte[] buffer = new byte[8192];
    long total = 0;

    for (int n = flood.read(buffer); n > 0; n = flood.read(buffer)) {
      total += n;
    }

    assertThat(total).isEqualTo(10L * ReadPacer.BYTES_PER_WINDOW);
    // the first window's budget comes at once; each further one only after sleeping to its window
    assertThat(slept.get()).isEqualTo(10 * INTERVAL.toNanos());
  }

  @Test
  void quietOutputNeverWaits() throws Exception {
    InputStream line = pacer.paced(new ByteArrayInputStream("RAM 1/2MB CPU [1%@1]\n".getBytes()));

    assertThat(line.readAllBytes()).hasSize(21);
    assertThat(slept.get()).isZero();
  }
}
