package dev.powermon.shelly;

import java.util.Optional;

/**
 * One metered channel of a Shelly: a Gen1 meter or emeter, a Gen2 switch, a phase of a three-phase
 * meter, an EM1 clamp. Quantities the device did not report, or reported unusably, are empty.
 *
 * @param name the channel's {@code domain} label: {@code switch0}, {@code meter0}, {@code phase_a}
 *     …
 * @param energyJoules the device's own energy counter, converted to joules; it restarts at a reboot
 * @param returnedJoules energy fed back to the grid (meters with a return counter), in joules
 * @param relayOn the relay's state, for channels that switch
 */
record Channel(
    String name,
    Optional<Double> watts,
    Optional<Double> voltage,
    Optional<Double> current,
    Optional<Double> frequency,
    Optional<Double> powerFactor,
    Optional<Double> energyJoules,
    Optional<Double> returnedJoules,
    Optional<Boolean> relayOn) {}
