package dev.powermon.macos;

import dev.powermon.api.PowerReadings;
import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The readings a source hands the core, kept for assertions. */
final class FakeReadings implements PowerReadings {
  /** One reading as handed over. */
  record Reading(String device, String domain, long millis, double watts, double joules) {}

  final List<Reading> all = new CopyOnWriteArrayList<>();

  @Override
  public void reading(
      String device, String domain, Labels extra, long epochMillis, double watts, double joules) {
    all.add(new Reading(device, domain, epochMillis, watts, joules));
  }

  @Override
  public void forget(String device) {}

  /** The watts handed over for {@code domain}, oldest first. */
  List<Double> watts(String domain) {
    return all.stream().filter(r -> r.domain().equals(domain)).map(Reading::watts).toList();
  }

  /** The energy counters handed over for {@code domain}, oldest first. */
  List<Double> joules(String domain) {
    return all.stream().filter(r -> r.domain().equals(domain)).map(Reading::joules).toList();
  }

  /** A log for device {@code mac} that hands its windows here, energy included. */
  SampleLog log() {
    return new SampleLog(this, Clock.systemUTC(), "mac", true);
  }

  /** A log for a source that reports power only (the battery). */
  SampleLog powerOnlyLog() {
    return new SampleLog(this, Clock.systemUTC(), "mac", false);
  }
}
