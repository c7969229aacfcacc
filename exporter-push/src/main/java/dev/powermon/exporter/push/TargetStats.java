package dev.powermon.exporter.push;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/** What one push target did: samples sent and dropped, failed requests, the last success. */
final class TargetStats {
  static final String QUEUE_FULL = "queue_full";
  static final String REJECTED = "rejected";
  static final String SHUTDOWN = "shutdown";

  private final String target;
  private final IntSupplier queued;
  private final AtomicLong sent = new AtomicLong();
  private final Map<String, AtomicLong> dropped = new ConcurrentSkipListMap<>();
  private final Map<String, AtomicLong> failures = new ConcurrentSkipListMap<>();
  private volatile double lastSuccessSeconds;

  /**
   * @param target the receiver's URL without credentials or query, the {@code target} label
   * @param queued how many samples wait right now
   */
  TargetStats(String target, IntSupplier queued) {
    this.target = target;
    this.queued = queued;
    // Every reason from the start, so rate() and alerts see a 0 rather than no series.
    for (String reason : new String[] {QUEUE_FULL, REJECTED, SHUTDOWN}) {
      dropped.put(reason, new AtomicLong());
    }
  }

  String target() {
    return target;
  }

  void sent(int samples, long nowMillis) {
    sent.addAndGet(samples);
    lastSuccessSeconds = nowMillis / 1000.0;
  }

  void dropped(String reason, int samples) {
    if (samples > 0) {
      dropped.computeIfAbsent(reason, r -> new AtomicLong()).addAndGet(samples);
    }
  }

  /**
   * @param code the HTTP status, or {@code timeout}, {@code connection}, {@code credentials}
   */
  void failed(String code) {
    failures.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
  }

  long sent() {
    return sent.get();
  }

  long dropped(String reason) {
    AtomicLong n = dropped.get(reason);
    return n == null ? 0 : n.get();
  }

  Map<String, AtomicLong> droppedByReason() {
    return dropped;
  }

  Map<String, AtomicLong> failuresByCode() {
    return failures;
  }

  int queued() {
    return queued.getAsInt();
  }

  /** Seconds since the epoch of the last delivered batch, 0 before the first. */
  double lastSuccessSeconds() {
    return lastSuccessSeconds;
  }
}
