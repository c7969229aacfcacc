package dev.powermon.net;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GET and POST requests to devices on the LAN with the JDK's HTTP client, each held to an overall
 * deadline (connect, headers and the whole body: a device that drips bytes cannot stretch it) and
 * to a bounded body, since anything on the network can answer in a device's place. One per
 * collector; thread-safe.
 */
public final class DeviceHttp {
  /** Device status documents are a few KiB; a body beyond this is refused before it is kept. */
  public static final int MAX_BODY_BYTES = 256 * 1024;

  /**
   * Status, the headers that matter to callers, and the body.
   *
   * @param setCookies every {@code Set-Cookie} header as sent, for devices that keep a session in a
   *     cookie (TP-Link's KLAP and AES); the caller picks the cookie it sends back, so a device
   *     cannot plant others
   */
  public record Response(
      int status,
      String wwwAuthenticate,
      String contentType,
      byte[] body,
      java.util.List<String> setCookies) {

    /** A response without cookies. */
    public Response(int status, String wwwAuthenticate, String contentType, byte[] body) {
      this(status, wwwAuthenticate, contentType, body, java.util.List.of());
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /**
   * Sends one GET and reads the whole answer within {@code deadline}.
   *
   * @throws java.net.SocketTimeoutException the deadline's own error, when it runs out
   * @throws IOException for a refused connection, a body over {@link #MAX_BODY_BYTES}, a broken
   *     reply
   */
  public Response get(URI uri, Map<String, String> headers, Deadline deadline) throws IOException {
    return send(HttpRequest.newBuilder(uri).GET(), headers, deadline);
  }

  /**
   * Sends one POST of {@code body} (its length declared; some devices answer 500 without it) and
   * reads the whole answer within {@code deadline}. A session cookie goes in {@code headers} as
   * {@code Cookie}; those the device sets come back in {@link Response#setCookies()}.
   *
   * @throws java.net.SocketTimeoutException the deadline's own error, when it runs out
   * @throws IOException for a refused connection, a body over {@link #MAX_BODY_BYTES}, a broken
   *     reply
   */
  public Response post(URI uri, Map<String, String> headers, byte[] body, Deadline deadline)
      throws IOException {
    return send(
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body)),
        headers,
        deadline);
  }

  private Response send(HttpRequest.Builder request, Map<String, String> headers, Deadline deadline)
      throws IOException {
    request.timeout(Duration.ofMillis(deadline.remainingMillis()));
    headers.forEach(request::header);
    CompletableFuture<HttpResponse<byte[]>> pending =
        client.sendAsync(request.build(), info -> new BoundedBody(MAX_BODY_BYTES));
    try {
      HttpResponse<byte[]> response =
          pending.get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
      return new Response(
          response.statusCode(),
          response.headers().firstValue("WWW-Authenticate").orElse(null),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body(),
          response.headers().allValues("Set-Cookie"));
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw deadline.expired();
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof java.net.http.HttpTimeoutException) {
        throw deadline.expired();
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(String.valueOf(cause), cause);
    }
  }
}
