package dev.powermon.nut;

import java.util.Map;

/**
 * One UPS as upsd reported it in one poll.
 *
 * @param name the UPS's name in upsd ({@code ups.conf} section)
 * @param description upsd's description of it, possibly empty
 * @param variables every variable, as text
 */
record UpsReading(String name, String description, Map<String, String> variables) {}
