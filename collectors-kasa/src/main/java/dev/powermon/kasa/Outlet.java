package dev.powermon.kasa;

/**
 * One outlet of a strip, as its sysinfo lists it; {@code slot} counts from 0 in the order listed.
 */
record Outlet(String id, String alias, int slot, Double state, Double onTimeSeconds) {}
