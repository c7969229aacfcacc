package dev.powermon.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link DeviceHttp#post} against a real HTTP server on loopback. */
class DeviceHttpPostTest {
  private final DeviceHttp http = new DeviceHttp();
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;

  private URI serve(String path, com.sun.net.httpserver.HttpHandler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext(path, handler);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) {
      server.stop(0);
    }
  }

  private static Deadline seconds(int n) {
    return Deadline.after(Duration.ofSeconds(n), "no reply within " + n + " s");
  }

  @Test
  void postsTheBodyWithItsLengthAndReturnsTheCookies() throws Exception {
    URI uri =
        serve(
            "/app/handshake1",
            exchange -> {
              byte[] got = exchange.getRequestBody().readAllBytes();
              String reply =
                  exchange.getRequestHeaders().getFirst("Content-Length")
                      + ":"
                      + got.length
                      + ":"
                      + exchange.getRequestHeaders().getFirst("Cookie");
              exchange.getResponseHeaders().add("Set-Cookie", "TP_SESSIONID=ABC123;TIMEOUT=86400");
              exchange.getResponseHeaders().add("Set-Cookie", "other=1");
              byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
              exchange.sendResponseHeaders(200, bytes.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
              }
            });
    DeviceHttp.Response r =
        http.post(uri, Map.of("Cookie", "TP_SESSIONID=OLD"), new byte[16], seconds(5));
    assertThat(r.status()).isEqualTo(200);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("16:16:TP_SESSIONID=OLD");
    assertThat(r.setCookies()).isEqualTo(List.of("TP_SESSIONID=ABC123;TIMEOUT=86400", "other=1"));
  }

  @Test
  void anOversizedBodyIsRefused() throws Exception {
    URI uri =
        serve(
            "/app/request",
            exchange -> {
              exchange.getRequestBody().readAllBytes();
              exchange.sendResponseHeaders(200, 0); // chunked: no length to refuse up front
              try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 64; i++) {
                  out.write(chunk);
                }
              } catch (IOException e) {
                // the client hung up, as it should
              }
            });
    assertThatThrownBy(() -> http.post(uri, Map.of(), new byte[48], seconds(5)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("larger than " + DeviceHttp.MAX_BODY_BYTES + " bytes");
  }

  @Test
  void aDeviceThatNeverAnswersCostsTheDeadline() throws Exception {
    URI uri =
        serve(
            "/app/handshake2",
            exchange -> {
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              exchange.close();
            });
    assertThatThrownBy(
            () ->
                http.post(
                    uri,
                    Map.of(),
                    new byte[32],
                    Deadline.after(Duration.ofMillis(300), "handshake 2 unanswered")))
        .isInstanceOf(SocketTimeoutException.class)
        .hasMessage("handshake 2 unanswered");
  }
}
