package dev.powermon.kasa.sim;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A device on newer firmware: legacy port closed, answers only the 16-byte UDP 20002 probe with a
 * 16-byte header and a JSON description naming its transport (values written for this project): by
 * default an HS300 1.1.2 wanting KLAP v2 on port 80, or what {@link #describing} writes.
 */
public final class KlapOnlyResponder implements AutoCloseable {
  private static final String REPLY =
      "{\"error_code\":0,\"result\":{\"device_id\":\"00112233445566778899AABBCCDDEEFF\","
          + "\"device_model\":\"HS300(US)\",\"device_type\":\"IOT.SMARTPLUGSWITCH\",\"factory_default\":false,"
          + "\"hw_ver\":\"2.0\",\"ip\":\"10.9.9.9\",\"mac\":\"B0-95-75-00-00-07\",\"mgt_encrypt_schm\":"
          + "{\"encrypt_type\":\"KLAP\",\"http_port\":80,\"is_support_https\":false,\"lv\":2,\"new_klap\":1},"
          + "\"obd_src\":\"tplink\",\"protocol_version\":1}}";

  private final DatagramSocket socket;
  private final Thread thread;
  private final String reply;

  private KlapOnlyResponder(DatagramSocket socket, String reply) {
    this.socket = socket;
    this.reply = reply;
    this.thread = new Thread(this::serve, "kasa-sim-klap-" + socket.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  /** Listens on {@code bind} (127.x) and {@code port}, 0 for any. */
  public static KlapOnlyResponder start(InetAddress bind, int port) throws IOException {
    return start(bind, port, REPLY);
  }

  /** Listens on {@code bind} (127.x) and {@code port}, 0 for any, answering {@code reply}. */
  public static KlapOnlyResponder start(InetAddress bind, int port, String reply)
      throws IOException {
    if (!bind.isLoopbackAddress()) {
      throw new IllegalArgumentException(bind + " is not a loopback address");
    }
    return new KlapOnlyResponder(new DatagramSocket(new InetSocketAddress(bind, port)), reply);
  }

  /**
   * A 20002 reply for a device of {@code deviceType} wanting {@code encryptType} on {@code
   * httpPort}.
   */
  public static String describing(
      String deviceId, String model, String deviceType, String encryptType, int httpPort) {
    return "{\"error_code\":0,\"result\":{\"device_id\":\""
        + deviceId
        + "\",\"device_model\":\""
        + model
        + "\",\"device_type\":\""
        + deviceType
        + "\",\"ip\":\"10.9.9.9\",\"mgt_encrypt_schm\":{\"encrypt_type\":\""
        + encryptType
        + "\",\"http_port\":"
        + httpPort
        + ",\"is_support_https\":false,\"lv\":2}}}";
  }

  public int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    byte[] buffer = new byte[2048];
    while (!socket.isClosed()) {
      try {
        DatagramPacket probe = new DatagramPacket(buffer, buffer.length);
        socket.receive(probe);
        if (probe.getLength() != 16) {
          continue;
        }
        byte[] json = reply.getBytes(StandardCharsets.UTF_8);
        byte[] reply =
            ByteBuffer.allocate(16 + json.length)
                .put((byte) 2)
                .put((byte) 0)
                .putShort((short) 1)
                .putShort((short) json.length)
                .put((byte) 0)
                .put((byte) 0)
                .putInt(0)
                .putInt(0x57CE76F8)
                .put(json)
                .array();
        socket.send(new DatagramPacket(reply, reply.length, probe.getSocketAddress()));
      } catch (IOException e) {
        // closed, or a probe we could not answer
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join(2000);
  }
}
