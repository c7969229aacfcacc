package dev.powermon.exporter.push;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * What every push sender shares: one request to one URL with an overall deadline, the operator's
 * extra headers and credentials, and an answer reduced to its status and the first line of its body
 * (read at most {@value #MAX_BODY_BYTES} bytes, made fit for the log by {@link PeerText}: short,
 * credentials redacted).
 */
final class HttpPush {
  static final int MAX_BODY_BYTES = 4096;

  private final HttpClient client;
  private final URI url;
  private final Duration timeout;
  private final Map<String, String> headers;
  private final Credentials credentials;
  private final String userAgent;

  HttpPush(
      HttpClient client,
      URI url,
      Duration timeout,
      Map<String, String> headers,
      Credentials credentials,
      String userAgent) {
    this.client = client;
    this.url = url;
    this.timeout = timeout;
    this.headers = Map.copyOf(headers);
    this.credentials = credentials;
    this.userAgent = userAgent;
  }

  /**
   * A client for push targets: bounded connect time, no redirects (they would carry the credentials
   * along).
   */
  static HttpClient client(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * Sends {@code body} with {@code method} to this target's URL plus {@code query} (null for none).
   */
  Sender.Response send(
      String method, String query, byte[] body, Map<String, String> protocolHeaders)
      throws IOException, InterruptedException {
    URI target =
        query == null ? url : URI.create(url + (url.getRawQuery() == null ? "?" : "&") + query);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(timeout)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    protocolHeaders.forEach(
        request::header); // after the operator's: the protocol's own cannot be overridden
    request.header("User-Agent", userAgent);
    String authorization = credentials.authorization();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<InputStream> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      return new Sender.Response(response.statusCode(), firstLine(in.readNBytes(MAX_BODY_BYTES)));
    }
  }

  static String firstLine(byte[] body) {
    return PeerText.forLog(new String(body, StandardCharsets.UTF_8));
  }
}
