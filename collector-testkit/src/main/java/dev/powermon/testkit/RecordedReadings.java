package dev.powermon.testkit;

import dev.powermon.api.MeterClass;
import dev.powermon.api.PowerFamilies;
import dev.powermon.api.PowerReadings;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link PowerReadings} a {@link TestContext} hands out: keeps every reading, so a collector's
 * test asserts what the collector read (values, timestamps, labels) rather than what the core made
 * of it. Extra labels are checked against the provider's declaration, as the core checks them.
 */
public final class RecordedReadings implements PowerReadings {
  /**
   * One reading as handed over; {@code watts} or {@code joules} is NaN when the source did not give
   * it.
   */
  public record Reading(
      String device, String domain, Labels extra, long epochMillis, double watts, double joules) {}

  private final String source;
  private final MeterClass meterClass;
  private final List<String> declaredExtras;
  private final List<Reading> readings = new CopyOnWriteArrayList<>();
  private final List<String> forgotten = new CopyOnWriteArrayList<>();

  RecordedReadings(String source, MeterClass meterClass, List<String> declaredExtras) {
    this.source = source;
    this.meterClass = meterClass;
    this.declaredExtras = declaredExtras;
  }

  @Override
  public void reading(
      String device, String domain, Labels extra, long epochMillis, double watts, double joules) {
    PowerFamilies.requireExtras(source, declaredExtras, extra);
    readings.add(new Reading(device, domain, extra, epochMillis, watts, joules));
  }

  @Override
  public void forget(String device) {
    forgotten.add(device);
  }

  public MeterClass meterClass() {
    return meterClass;
  }

  /** Every reading so far, oldest first. */
  public List<Reading> all() {
    return List.copyOf(readings);
  }

  /** The readings of one series (any extra labels), oldest first. */
  public List<Reading> of(String device, String domain) {
    List<Reading> out = new ArrayList<>();
    for (Reading r : readings) {
      if (r.device().equals(device) && r.domain().equals(domain)) {
        out.add(r);
      }
    }
    return out;
  }

  /** The latest reading of a series; throws when there is none. */
  public Reading last(String device, String domain) {
    List<Reading> of = of(device, domain);
    if (of.isEmpty()) {
      throw new AssertionError(
          "no reading of " + source + "/" + device + "/" + domain + "; have " + readings);
    }
    return of.get(of.size() - 1);
  }

  /** Devices the collector told to forget, in order. */
  public List<String> forgotten() {
    return List.copyOf(forgotten);
  }
}
