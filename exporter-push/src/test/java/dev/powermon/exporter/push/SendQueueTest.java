package dev.powermon.exporter.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendQueueTest {
  private static final Series S = new Series("s", Labels.EMPTY);

  @Test
  void aFullQueueKeepsTheNewestAndSaysHowManyWent() throws Exception {
    SendQueue q = new SendQueue(5, 100);

    assertThat(q.offer(samples(0, 3))).isZero();
    assertThat(q.offer(samples(3, 4))).isEqualTo(2); // 7 offered, room for 5: t=0 and t=1 go
    q.flush();

    assertThat(times(q.next(0))).containsExactly(2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void theBatchInFlightIsNeverDroppedUnderTheSender() throws Exception {
    SendQueue q = new SendQueue(4, 2);
    q.offer(samples(0, 4));
    List<Sample> first = q.next(0); // t=0,1 in flight

    assertThat(q.offer(samples(4, 2))).isEqualTo(2); // t=2,3 go; the batch in flight stays
    assertThat(q.next(0)).isSameAs(first); // not acknowledged: the same batch again
    assertThat(q.acknowledge()).isEqualTo(2);
    assertThat(times(q.next(0))).containsExactly(4L, 5L);
    assertThat(q.size()).isEqualTo(2);
  }

  @Test
  void batchesAreAtMostTheBatchSizeOldestFirst() throws Exception {
    SendQueue q = new SendQueue(100, 3);
    q.offer(samples(0, 7));

    assertThat(times(q.next(0))).containsExactly(0L, 1L, 2L);
    q.acknowledge();
    assertThat(times(q.next(0))).containsExactly(3L, 4L, 5L);
  }

  @Test
  void aPartialBatchWaitsForTheFlushThenEverythingGoes() throws Exception {
    SendQueue q = new SendQueue(100, 3);
    q.offer(samples(0, 2));

    assertThat(q.next(20)).isEmpty(); // two of three: not yet
    q.offer(samples(2, 2));
    assertThat(times(q.next(0))).containsExactly(0L, 1L, 2L); // full
    q.acknowledge();
    assertThat(q.next(20)).isEmpty();
    q.flush();
    assertThat(times(q.next(0))).containsExactly(3L);
    q.acknowledge();
    q.offer(samples(4, 1));
    assertThat(q.next(20)).isEmpty(); // the flush emptied the queue; the next one waits again
  }

  @Test
  void anEmptyQueueWaitsThenAnswersEmpty() throws Exception {
    assertThat(new SendQueue(10, 10).next(20)).isEmpty();
  }

  @Test
  void aClosedQueueHandsOutWhatIsLeftThenNothingAndTakesNoMore() throws Exception {
    SendQueue q = new SendQueue(10, 10);
    q.offer(samples(0, 2));
    q.close();

    assertThat(q.offer(samples(2, 1))).isZero();
    assertThat(q.isClosedAndEmpty()).isFalse();
    assertThat(times(q.next(10_000))).containsExactly(0L, 1L);
    q.acknowledge();
    assertThat(q.isClosedAndEmpty()).isTrue();
    assertThat(q.next(10_000)).isEmpty(); // at once, not after 10 s
  }

  @Test
  void discardAllEmptiesAndCounts() throws Exception {
    SendQueue q = new SendQueue(10, 2);
    q.offer(samples(0, 5));
    q.next(0);

    assertThat(q.discardAll()).isEqualTo(5);
    assertThat(q.size()).isZero();
  }

  static List<Sample> samples(long from, int n) {
    List<Sample> out = new ArrayList<>();
    for (long t = from; t < from + n; t++) {
      out.add(new Sample(S, t, t));
    }
    return out;
  }

  static List<Long> times(List<Sample> samples) {
    return samples.stream().map(Sample::timestampMillis).toList();
  }
}
