package dev.powermon.exporter.push;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One target's bounded backlog. When it is full the oldest waiting samples make room for new ones,
 * so after an outage the receiver gets the most recent data; the batch being sent is never dropped
 * under the sender, so every sample is counted exactly once: sent, refused, or dropped here. A
 * batch goes out when it is full or at the next {@link #flush} (every push interval), so high-rate
 * readings travel in few requests rather than one each.
 */
final class SendQueue {
  private final int capacity;
  private final int batchSize;
  private final ArrayDeque<Sample> waiting = new ArrayDeque<>();
  private List<Sample> inFlight = List.of();
  private boolean closed;
  private boolean flushRequested;

  /**
   * @param capacity samples held at most, the batch in flight included
   * @param batchSize samples per request, at most; capped at {@code capacity}
   */
  SendQueue(int capacity, int batchSize) {
    if (capacity < 1 || batchSize < 1) {
      throw new IllegalArgumentException("capacity and batch size must be positive");
    }
    this.capacity = capacity;
    this.batchSize = Math.min(batchSize, capacity);
  }

  /**
   * Adds {@code samples}; when the queue overflows, the oldest waiting samples go.
   *
   * @return how many samples were dropped to make room (0 when closed: nothing is added then)
   */
  synchronized int offer(List<Sample> samples) {
    if (closed) {
      return 0;
    }
    waiting.addAll(samples);
    int dropped = 0;
    while (inFlight.size() + waiting.size() > capacity) {
      waiting.pollFirst();
      dropped++;
    }
    if (waiting.size() >= batchSize) {
      notifyAll();
    }
    return dropped;
  }

  /** Everything waiting may go now, in as many batches as it takes. */
  synchronized void flush() {
    flushRequested = true;
    notifyAll();
  }

  /**
   * The batch to send: the unacknowledged one again after a failure, else the oldest waiting
   * samples once a batch is full or a flush (or close) asked for them. Waits up to {@code
   * timeoutMillis}; empty when nothing is ready by then, or at once when the queue is closed and
   * empty.
   */
  synchronized List<Sample> next(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (!ready()) {
      long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
      if (closed || leftMillis <= 0) {
        return List.of();
      }
      wait(leftMillis);
    }
    if (inFlight.isEmpty()) {
      List<Sample> batch = new ArrayList<>(Math.min(batchSize, waiting.size()));
      while (batch.size() < batchSize && !waiting.isEmpty()) {
        batch.add(waiting.pollFirst());
      }
      inFlight = List.copyOf(batch);
      flushRequested &= !waiting.isEmpty();
    }
    return inFlight;
  }

  private boolean ready() {
    return !inFlight.isEmpty()
        || waiting.size() >= batchSize
        || (!waiting.isEmpty() && (flushRequested || closed));
  }

  /** The batch from {@link #next} was delivered or refused for good: it leaves the queue. */
  synchronized int acknowledge() {
    int n = inFlight.size();
    inFlight = List.of();
    return n;
  }

  /** Samples held, the batch in flight included. */
  synchronized int size() {
    return inFlight.size() + waiting.size();
  }

  /** No more offers; {@link #next} returns what is left, then empty at once. */
  synchronized void close() {
    closed = true;
    notifyAll();
  }

  synchronized boolean isClosedAndEmpty() {
    return closed && inFlight.isEmpty() && waiting.isEmpty();
  }

  /** Empties the queue (shutdown past its deadline); returns how many samples were discarded. */
  synchronized int discardAll() {
    int n = size();
    inFlight = List.of();
    waiting.clear();
    return n;
  }
}
