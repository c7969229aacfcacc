package dev.powermon.windows;

/**
 * One raw {@code \Energy Meter(instance)\Energy} value.
 *
 * @param picowattHours cumulative energy since an arbitrary origin, in pWh (1 pWh = 3.6e-9 J)
 * @param time100ns when it was taken, in 100-ns ticks (a FILETIME)
 */
record EnergyMeterReading(String instance, long picowattHours, long time100ns) {}
