package dev.powermon.kasa;

/** A device that answered only the UDP 20002 probe: it needs KLAP or AES, which powermon lacks. */
record KlapDevice(String ip, String model, String deviceId, String encryption) {}
