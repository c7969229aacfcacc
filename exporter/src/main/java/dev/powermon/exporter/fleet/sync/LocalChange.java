package dev.powermon.exporter.fleet.sync;

/**
 * A metric-table entry changed on this device, and when: a toggle ({@code added} false: the entry
 * was in the file and its value changed) or a family discovered at run time ({@code added} true:
 * written with its default, which never overrides a value the server already has).
 */
public record LocalChange(boolean enabled, long atMillis, boolean added) {}
