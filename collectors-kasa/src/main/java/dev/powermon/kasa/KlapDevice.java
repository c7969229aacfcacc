package dev.powermon.kasa;

import java.util.List;
import java.util.Locale;

/**
 * A device as its UDP 20002 discovery reply describes it (kasa.md §3): which transport it wants
 * ({@code mgt_encrypt_schm}) and where.
 *
 * @param ip the reply's source address (never the payload's {@code ip})
 * @param encryption {@code encrypt_type}: {@code KLAP}, {@code AES}, or what newer firmware names
 * @param deviceType {@code IOT.*} (legacy command set) or {@code SMART.*}
 * @param loginVersion {@code lv}, null when absent
 * @param newKlap {@code new_klap == 1}: IOT firmware of 2024 on, which needs KLAP v2
 */
record KlapDevice(
    String ip,
    String model,
    String deviceId,
    String encryption,
    String deviceType,
    int httpPort,
    Integer loginVersion,
    boolean newKlap,
    boolean https) {

  /** Whether powermon speaks what the device wants: KLAP or AES over plain HTTP. */
  boolean pollable() {
    return ("KLAP".equals(encryption) || "AES".equals(encryption)) && !https;
  }

  /**
   * The KLAP versions to check a handshake against, likelier first: v2 for SMART devices and for
   * IOT firmware that announces {@code lv 2} or {@code new_klap} (python-kasa's v1 for every IOT
   * device is the new_klap trap), v1 first for other IOT devices. Both are always checked.
   */
  List<KlapVersion> versions() {
    boolean iot = deviceType.toUpperCase(Locale.ROOT).startsWith("IOT");
    boolean v2 = !iot || newKlap || (loginVersion != null && loginVersion >= 2);
    return v2 ? List.of(KlapVersion.V2, KlapVersion.V1) : List.of(KlapVersion.V1, KlapVersion.V2);
  }

  /**
   * The command set its {@code device_type} names: SMART (true), legacy IOT (false), or unknown
   * (null).
   */
  Boolean smart() {
    String type = deviceType.toUpperCase(Locale.ROOT);
    return type.startsWith("SMART") ? Boolean.TRUE : type.startsWith("IOT") ? Boolean.FALSE : null;
  }

  /** What the summary says of a device powermon cannot poll. */
  String need() {
    if (encryption.equals("unknown")) {
      return "names no transport (no mgt_encrypt_schm), not supported";
    }
    return "needs " + encryption + (https ? " over HTTPS" : "") + ", not supported yet";
  }
}
