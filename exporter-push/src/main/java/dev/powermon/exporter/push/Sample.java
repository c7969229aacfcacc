package dev.powermon.exporter.push;

/** One value of one series at one instant (milliseconds since the epoch), waiting to be pushed. */
public record Sample(Series series, long timestampMillis, double value) {}
