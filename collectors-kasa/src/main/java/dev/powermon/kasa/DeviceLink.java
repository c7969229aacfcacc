package dev.powermon.kasa;

import dev.powermon.net.Deadline;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A session with one device over HTTP that outlives a poll: {@link KlapClient}, {@link AesClient}.
 */
interface DeviceLink {
  /**
   * Makes sure a session with the device at {@code to} is up (a handshake, and for AES a login,
   * when there is none or it is due for renewal).
   *
   * @throws NotSpokenException when whatever answers does not speak this protocol
   */
  void connect(InetSocketAddress to, Deadline deadline) throws IOException;

  /** Sends one request (plain JSON) to the device at {@code to} and returns its plain reply. */
  byte[] exchange(InetSocketAddress to, byte[] plaintext, Deadline deadline) throws IOException;

  /** The protocol's name, for messages: {@code KLAP}, {@code AES}. */
  String protocol();

  /** What the last handshake settled, for the summary line: {@code klap v2}, {@code aes v2}. */
  String transport();
}
