package dev.powermon.rapl;

import dev.powermon.rapl.Readings.ZoneReading;
import java.util.StringJoiner;

/** One line saying what was found: kept zones with their labels, and how many were left out. */
final class Summary {
  private Summary() {}

  static String of(Readings r) {
    if (r.failure() != null) {
      return r.failure();
    }
    StringJoiner kept = new StringJoiner(", ");
    for (ZoneReading z : r.zones()) {
      ZoneName n = z.zone().name();
      String where =
          n.socket().isEmpty()
              ? ""
              : " socket " + n.socket() + (n.die().isEmpty() ? "" : " die " + n.die());
      kept.add(n.domain() + where + " (" + z.zone().id() + ")");
    }
    return r.zones().size()
        + " RAPL zones: "
        + kept
        + (r.dropped().isEmpty() ? "" : "; " + r.dropped().size() + " duplicates left out");
  }
}
