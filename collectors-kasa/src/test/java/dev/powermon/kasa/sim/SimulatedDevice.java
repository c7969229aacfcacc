package dev.powermon.kasa.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Kasa device on a loopback address: TCP (framed, one connection at a time, as real plugs) and
 * UDP discovery (unframed) on the same port number, answering from a {@link DeviceProfile},
 * optionally misbehaving per {@link Fault}.
 */
public final class SimulatedDevice implements AutoCloseable {
  private static final int MAX_REQUEST = 64 * 1024;
  private static final int MAX_RECORDED = 1000;

  private final DeviceProfile profile;
  private final ServerSocket server;
  private final DatagramSocket udp;
  private final List<String> requests = new ArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Thread> threads = new ArrayList<>();
  private volatile Fault fault = Fault.NONE;
  private volatile long dripMillis = 250;
  private volatile Socket current;
  private volatile boolean closed;

  private SimulatedDevice(DeviceProfile profile, ServerSocket server, DatagramSocket udp) {
    this.profile = profile;
    this.server = server;
    this.udp = udp;
  }

  /**
   * Starts a device on {@code bind} (a 127.x address) and {@code port}, 0 for any free port that is
   * free for both TCP and UDP.
   */
  public static SimulatedDevice start(DeviceProfile profile, InetAddress bind, int port)
      throws IOException {
    if (!bind.isLoopbackAddress()) {
      throw new IllegalArgumentException(
          bind + " is not a loopback address; the simulator stays on 127.x");
    }
    for (int attempt = 0; ; attempt++) {
      ServerSocket server = new ServerSocket(port, 16, bind);
      try {
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress(bind, server.getLocalPort()));
        SimulatedDevice device = new SimulatedDevice(profile, server, udp);
        device.spawn("tcp", device::serveTcp);
        device.spawn("udp", device::serveUdp);
        return device;
      } catch (BindException e) {
        server.close();
        if (port != 0 || attempt >= 50) {
          throw e;
        }
      }
    }
  }

  public SimulatedDevice fault(Fault fault) {
    this.fault = fault;
    return this;
  }

  /** Delay between bytes in {@link Fault#DRIP} mode. */
  public SimulatedDevice dripMillis(long millis) {
    this.dripMillis = millis;
    return this;
  }

  public int port() {
    return server.getLocalPort();
  }

  public InetAddress address() {
    return server.getInetAddress();
  }

  /** {@code host:port}, as a collector target. */
  public String target() {
    return address().getHostAddress() + ":" + port();
  }

  public DeviceProfile profile() {
    return profile;
  }

  public int connections() {
    return connections.get();
  }

  /** The TCP requests received so far, as JSON text. */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void spawn(String kind, Runnable body) {
    Thread t = new Thread(body, "kasa-sim-" + kind + "-" + port());
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  private void serveTcp() {
    while (!closed) {
      try (Socket socket = server.accept()) {
        current = socket;
        connections.incrementAndGet();
        new TcpConversation(this, socket).run();
      } catch (IOException e) {
        // the client went away or the device is closing; take the next connection
      }
    }
  }

  private void serveUdp() {
    byte[] buffer = new byte[MAX_REQUEST];
    while (!closed) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        udp.receive(packet);
        if (fault == Fault.NEVER_ANSWERS) {
          continue;
        }
        byte[] plain =
            WireFormat.reveal(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        byte[] reply = WireFormat.obfuscate(replyTo(plain, false));
        udp.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
      } catch (IOException | RuntimeException e) {
        // a malformed probe or a closed socket; keep serving until closed
      }
    }
  }

  /** The JSON reply to a request, honouring {@link Fault#WRONG_TYPES}; records TCP requests. */
  byte[] replyTo(byte[] plainRequest, boolean record) throws IOException {
    ObjectNode request = (ObjectNode) DeviceProfile.JSON.readTree(plainRequest);
    if (record) {
      synchronized (requests) {
        if (requests.size() < MAX_RECORDED) {
          requests.add(new String(plainRequest, StandardCharsets.UTF_8));
        }
      }
    }
    ObjectNode source =
        fault == Fault.WRONG_TYPES ? FaultyReplies.wrongTypes(profile) : profile.document();
    return DeviceProfile.JSON.writeValueAsBytes(profile.answer(request, source));
  }

  Fault currentFault() {
    return fault;
  }

  long drip() {
    return dripMillis;
  }

  static byte[] readRequest(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length <= 0 || length > MAX_REQUEST) {
      throw new EOFException("request length " + length);
    }
    byte[] cipher = new byte[length];
    in.readFully(cipher);
    return WireFormat.reveal(cipher);
  }

  static void send(OutputStream out, byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
      udp.close();
      Socket s = current;
      if (s != null) {
        s.close();
      }
      for (Thread t : threads) {
        t.join(2000);
      }
    } catch (IOException e) {
      // already closed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
