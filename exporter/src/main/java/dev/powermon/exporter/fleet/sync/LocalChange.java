package dev.powermon.exporter.fleet.sync;

/** A metric-table entry changed on this device (admin toggle or newly discovered family), and when. */
public record LocalChange(boolean enabled, long atMillis) {}
