package dev.powermon.kasa;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One discovery sweep: the legacy probe to UDP {@code port} and the KLAP probe to UDP {@code
 * klapPort}, three rounds over {@code window}, replies deduplicated by source address and accepted
 * only from the probed ports, capped in size and number.
 */
final class Discovery {
  static final int MAX_DEVICES = 1024;
  private static final int ROUNDS = 3;
  private static final int MAX_DATAGRAMS = 8 * MAX_DEVICES;

  private final InetAddress address;
  private final int port;
  private final int klapPort;
  private final Duration window;

  Discovery(InetAddress address, int port, int klapPort, Duration window) {
    this.address = address;
    this.port = port;
    this.klapPort = klapPort;
    this.window = window;
  }

  /**
   * Devices that answered: legacy ones by address, and those that answered only the 20002 probe (by
   * address, one per device id), which want KLAP, AES or newer.
   */
  record Result(Set<InetAddress> legacy, Map<InetAddress, KlapDevice> klapOnly) {}

  Result sweep() throws IOException {
    Set<InetAddress> legacy = new LinkedHashSet<>();
    Map<InetAddress, KlapDevice> klap = new LinkedHashMap<>();
    byte[] buffer = new byte[DiscoveryReplies.MAX_DATAGRAM + 1];
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setBroadcast(true);
      long start = System.nanoTime();
      long end = start + window.toNanos();
      int sent = 0;
      for (int received = 0; received < MAX_DATAGRAMS; ) {
        long now = System.nanoTime();
        if (now >= end) {
          break;
        }
        long nextRound = start + sent * window.toNanos() / ROUNDS;
        if (sent < ROUNDS && now >= nextRound) {
          send(socket);
          sent++;
          continue;
        }
        long wakeUp = sent < ROUNDS ? Math.min(nextRound, end) : end;
        socket.setSoTimeout((int) Math.max(1, (wakeUp - now) / 1_000_000));
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
        } catch (SocketTimeoutException e) {
          continue;
        }
        received++;
        accept(packet, legacy, klap);
      }
    }
    klap.keySet().removeAll(legacy);
    return new Result(legacy, klap);
  }

  private void send(DatagramSocket socket) throws IOException {
    byte[] legacyProbe = DiscoveryReplies.legacyProbe();
    socket.send(new DatagramPacket(legacyProbe, legacyProbe.length, address, port));
    byte[] klapProbe = DiscoveryReplies.KLAP_PROBE;
    socket.send(new DatagramPacket(klapProbe, klapProbe.length, address, klapPort));
  }

  private void accept(
      DatagramPacket packet, Set<InetAddress> legacy, Map<InetAddress, KlapDevice> klap) {
    if (packet.getLength() > DiscoveryReplies.MAX_DATAGRAM) {
      return; // oversized: not a device reply
    }
    byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
    InetAddress source = packet.getAddress();
    try {
      if (packet.getPort() == port && !legacy.contains(source) && legacy.size() < MAX_DEVICES) {
        DiscoveryReplies.checkLegacy(data);
        legacy.add(source);
      } else if (packet.getPort() == klapPort
          && !klap.containsKey(source)
          && klap.size() < MAX_DEVICES) {
        KlapDevice device = DiscoveryReplies.klap(source, data);
        boolean known =
            !device.deviceId().equals("unknown")
                && klap.values().stream().anyMatch(d -> d.deviceId().equals(device.deviceId()));
        if (!known) { // one device on two addresses (wired and Wi-Fi) is polled once
          klap.put(source, device);
        }
      }
    } catch (KasaProtocolException e) {
      // a malformed or foreign datagram; devices that answer properly are still found
    }
  }
}
