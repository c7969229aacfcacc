package dev.powermon.kasa;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.powermon.net.Deadline;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The collector's source: how requests reach a device (its transport). {@link XorSource} speaks the
 * legacy protocol on TCP, {@link SessionSource} KLAP or AES over HTTP. A poll opens one channel and
 * closes it at the end: devices drop idle connections, and a fresh one per poll never meets a stale
 * one. A source that keeps a session between polls (KLAP, AES) serves one device only.
 */
interface KasaSource {

  /**
   * A channel to {@code address} for one poll; nothing is sent before the first request, unless the
   * source must first find out how the device is reached ({@link ProbingSource}).
   *
   * @param requestTimeout the overall budget of each request (connect, send, whole reply)
   * @param wholePoll the budget of the whole poll, which no request may outlast
   */
  Channel open(InetSocketAddress address, Duration requestTimeout, Deadline wholePoll)
      throws IOException;

  /** The transport in words for the summary line ({@code xor}, {@code klap v2}). */
  String transport();

  /**
   * Whether the device speaks the SMART command set rather than the legacy one, when the transport
   * or discovery says (the legacy protocol carries only the legacy set); null when the device must
   * be asked (KLAP carries either).
   */
  default Boolean speaksSmart() {
    return Boolean.FALSE;
  }

  /** One poll's conversation with one device. Not thread-safe. */
  interface Channel extends AutoCloseable {
    /**
     * Sends one request (compact JSON) and returns the reply, parsed with {@link KasaJson}'s
     * limits.
     */
    ObjectNode ask(byte[] request) throws IOException;

    @Override
    void close();
  }
}
