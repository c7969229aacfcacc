package dev.powermon.process;

import java.util.List;
import java.util.Map;

/**
 * What the collector serves, as of its latest interval: the host's energy and its split since the
 * collector started, the last interval's power, and each grouping's series. Immutable.
 *
 * @param powerKnown false until two readings of the host's energy bracket an interval
 */
record ProcessSample(
    long epochMillis,
    String source,
    boolean powerKnown,
    double hostWatts,
    double idleWatts,
    double unattributedWatts,
    double hostJoules,
    double idleJoules,
    double unattributedJoules,
    Map<GroupBy, List<GroupLedger.Row>> groups,
    int processes,
    long vanished,
    double durationSeconds) {}
