package dev.powermon.exporter.fleet.sync;

import dev.powermon.exporter.fleet.ConfigServer;
import dev.powermon.exporter.fleet.DeviceId;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import javax.net.ssl.SSLContext;

/**
 * One device's end of {@code /config/{id}}: every request with a deadline, every body read bounded.
 */
public final class ConfigClient {
  /** What the server answered: the status, the body (null on 304 or when refused), the tag. */
  public record Answer(int status, byte[] yaml, String etag, long lastModifiedMillis) {}

  private final HttpClient http;
  private final URI uri;
  private final String authorization;
  private final Duration deadline;

  /** Plain or https with the JVM's roots, the bearer {@code token} (null: none). */
  public ConfigClient(URI server, DeviceId id, String token, Duration deadline) {
    this(server, id, deadline, null, token == null ? null : "Bearer " + token);
  }

  /**
   * @param tls checks an https server's certificate (and presents a client certificate); null: the
   *     JVM's trusted roots
   * @param authorization the {@code Authorization} header of every request; null: none
   */
  public ConfigClient(
      URI server, DeviceId id, Duration deadline, SSLContext tls, String authorization) {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(deadline);
    if (tls != null) {
      b.sslContext(tls);
    }
    this.http = b.build();
    this.uri = URI.create(server + "/config/" + id.value());
    this.authorization = authorization;
    this.deadline = deadline;
  }

  /** The {@code Authorization} value of HTTP basic authentication. */
  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** GET, with {@code If-None-Match} when {@code knownTag} is not null. */
  public Answer fetch(String knownTag) throws IOException, InterruptedException {
    HttpRequest.Builder b = request().GET();
    if (knownTag != null) {
      b.header("If-None-Match", knownTag);
    }
    return send(b.build());
  }

  /** PUT, with {@code If-Match} when {@code baseTag} is not null. */
  public Answer put(byte[] yaml, String baseTag) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        request()
            .PUT(HttpRequest.BodyPublishers.ofByteArray(yaml))
            .header("Content-Type", "application/yaml");
    if (baseTag != null) {
      b.header("If-Match", baseTag);
    }
    return send(b.build());
  }

  private static long millis(String httpDate) {
    try {
      return ZonedDateTime.parse(httpDate, DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant()
          .toEpochMilli();
    } catch (DateTimeParseException e) {
      return 0; // unknown: a local change counts as newer
    }
  }

  private HttpRequest.Builder request() {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(deadline);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  private Answer send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      byte[] body = in.readNBytes(ConfigServer.MAX_BODY_BYTES + 1);
      if (body.length > ConfigServer.MAX_BODY_BYTES) {
        throw new IOException(
            "the config server sent more than " + ConfigServer.MAX_BODY_BYTES + " bytes");
      }
      return new Answer(
          r.statusCode(),
          r.statusCode() == 200 ? body : null,
          r.headers().firstValue("ETag").orElse(null),
          r.headers().firstValue("Last-Modified").map(ConfigClient::millis).orElse(0L));
    }
  }
}
