package dev.powermon.macos;

/**
 * Energy one IOReport channel counted over a window, in the channel's own unit.
 *
 * @param unit the channel's unit label as IOReport gives it: mJ, uJ, µJ or nJ on the Macs seen so
 *     far
 */
record ChannelEnergy(String name, String unit, long value) {}
