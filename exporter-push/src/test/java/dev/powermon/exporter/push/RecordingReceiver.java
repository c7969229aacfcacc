package dev.powermon.exporter.push;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP receiver that keeps every request it gets and answers 204 (or what the test
 * sets).
 */
public final class RecordingReceiver implements AutoCloseable {
  /** One request as received. */
  public record Request(
      String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  private volatile int status = 204;
  private volatile String answer = "";
  private volatile boolean echoAuthorization;

  public RecordingReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            requests.add(
                new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    in.readNBytes(1 << 24)));
          }
          String text =
              echoAuthorization
                  ? answer + " " + exchange.getRequestHeaders().getFirst("Authorization")
                  : answer;
          byte[] body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
          if (body.length > 0) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** From now on, answer {@code code} with {@code body}. */
  public void answer(int code, String body) {
    this.status = code;
    this.answer = body;
  }

  /**
   * From now on, answer {@code code} with {@code body} followed by the request's {@code
   * Authorization} header, as careless receivers do in their 401s.
   */
  public void answerEchoingAuthorization(int code, String body) {
    answer(code, body);
    this.echoAuthorization = true;
  }

  /** The next request, waiting up to 30 s; null when none came. */
  public Request next() throws InterruptedException {
    return requests.poll(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
