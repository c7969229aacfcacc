package dev.powermon.shelly;

import java.util.List;

/** One poll of one Shelly: who it is and its channels. */
record ShellyReading(ShellyIdentity identity, List<Channel> channels) {}
