package dev.powermon.shelly;

/**
 * What {@code GET /shelly} says of a device (it needs no authentication on any generation).
 *
 * @param device a stable id for the {@code device} label: Gen2+ {@code id} ({@code
 *     shellyplusplugs-…}), Gen1 the type and MAC ({@code shplg-s-aabbccddeeff})
 * @param generation 1, or the {@code gen} a Gen2+ device reports
 */
record ShellyIdentity(String device, int generation, String model, String mac, String firmware) {}
