package dev.powermon.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeviceClientTest {
  private final DeviceHttp http = new DeviceHttp();

  private static Deadline seconds(int n) {
    return Deadline.after(Duration.ofSeconds(n), "no reply within " + n + " s");
  }

  private DeviceClient client(DeviceServer server, DeviceCredentials credentials) {
    return new DeviceClient(http, HostPort.parse(server.target(), 80), credentials);
  }

  @Test
  void digestIsAnsweredOnceAndTheNonceReused() throws Exception {
    try (DeviceServer s =
        new DeviceServer()
            .document("/rpc/Shelly.GetStatus", () -> "{\"ok\":1}")
            .auth(DeviceServer.Auth.DIGEST, "admin", "pw", "shellyplus-1")) {
      DeviceClient c = client(s, new DeviceCredentials("admin", "pw"));
      for (int i = 0; i < 5; i++) {
        assertThat(c.getJson("/rpc/Shelly.GetStatus", seconds(5)).get("ok").asInt()).isEqualTo(1);
      }
      assertThat(s.challenges()).isEqualTo(1);
      assertThat(s.requests()).isEqualTo(6);
      s.rotateNonce();
      assertThat(c.getJson("/rpc/Shelly.GetStatus", seconds(5)).get("ok").asInt()).isEqualTo(1);
      assertThat(s.challenges()).isEqualTo(2);
    }
  }

  @Test
  void basicIsAnsweredForGen1Devices() throws Exception {
    try (DeviceServer s =
        new DeviceServer()
            .document("/status", () -> "{\"ok\":2}")
            .auth(DeviceServer.Auth.BASIC, "user", "pw", "gen1")) {
      assertThat(
              client(s, new DeviceCredentials("user", "pw"))
                  .getJson("/status", seconds(5))
                  .get("ok")
                  .asInt())
          .isEqualTo(2);
    }
  }

  @Test
  void wrongOrMissingCredentialsSaySoWithoutThePassword() throws Exception {
    try (DeviceServer s =
        new DeviceServer()
            .document("/status", () -> "{}")
            .auth(DeviceServer.Auth.DIGEST, "admin", "right", "r")) {
      assertThatThrownBy(
              () ->
                  client(s, new DeviceCredentials("admin", "wrong-pw"))
                      .getJson("/status", seconds(5)))
          .isInstanceOf(IOException.class)
          .hasMessage("the device refused the credentials (HTTP 401); check the credentials file");
      assertThatThrownBy(() -> client(s, null).getJson("/status", seconds(5)))
          .hasMessage(
              "the device asks for a password (HTTP 401); set the collector's credentials-file");
    }
  }

  @Test
  void htmlTruncatedAndNonObjectRepliesAreErrors() throws Exception {
    try (DeviceServer s =
        new DeviceServer()
            .document("/array", () -> "[1,2]")
            .document("/truncated", () -> "{\"meters\":[{\"power\":1")
            .document("/trailing", () -> "{} {}")) {
      DeviceClient c = client(s, null);
      assertThatThrownBy(() -> c.getJson("/array", seconds(5)))
          .hasMessage("reply is not a JSON object (got ARRAY)");
      assertThatThrownBy(() -> c.getJson("/truncated", seconds(5)))
          .hasMessageStartingWith("reply is not valid JSON");
      assertThatThrownBy(() -> c.getJson("/trailing", seconds(5)))
          .hasMessageStartingWith("reply is not valid JSON");
      assertThatThrownBy(() -> c.getJson("/missing", seconds(5)))
          .hasMessage("HTTP 404 for /missing");
    }
    try (Raw raw =
        new Raw(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<html></html>")) {
      assertThatThrownBy(() -> raw.client(http).getJson("/status", seconds(5)))
          .hasMessage("the device answered an HTML page, not JSON, for /status");
    }
  }

  @Test
  void anOversizedBodyIsRefused() throws Exception {
    String big = "{\"x\":\"" + "a".repeat(DeviceHttp.MAX_BODY_BYTES) + "\"}";
    try (DeviceServer s = new DeviceServer().document("/big", () -> big)) {
      assertThatThrownBy(() -> client(s, null).getJson("/big", seconds(5)))
          .hasMessageContaining("larger than " + DeviceHttp.MAX_BODY_BYTES + " bytes");
    }
  }

  @Test
  void aDeviceThatDripsItsBodyCannotStretchTheDeadline() throws Exception {
    try (Raw raw =
        new Raw(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")) {
      assertThatThrownBy(
              () ->
                  raw.client(http)
                      .getJson(
                          "/status",
                          Deadline.after(Duration.ofMillis(400), "poll not done within 400 ms")))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessage("poll not done within 400 ms");
    }
  }

  /** A socket that answers every connection with fixed bytes and then holds it open. */
  private static final class Raw implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    private final Thread thread;

    Raw(String reply) throws IOException {
      thread =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (Socket s = server.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    OutputStream out = s.getOutputStream();
                    out.write(reply.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    s.getInputStream().read(new byte[4096]); // hold until the client gives up
                  } catch (IOException ignored) {
                    // the client hung up, or the test ended
                  }
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    DeviceClient client(DeviceHttp http) {
      return new DeviceClient(http, new HostPort("127.0.0.1", server.getLocalPort()), null);
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
