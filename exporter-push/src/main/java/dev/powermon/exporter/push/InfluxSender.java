package dev.powermon.exporter.push;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** InfluxDB v2 write API ({@code /api/v2/write}): line protocol, millisecond timestamps. */
final class InfluxSender implements Sender {
  private static final Map<String, String> HEADERS =
      Map.of("Content-Type", "text/plain; charset=utf-8");

  private final HttpPush http;
  private final String query;

  InfluxSender(HttpPush http, String org, String bucket) {
    this.http = http;
    this.query =
        "org="
            + URLEncoder.encode(org, StandardCharsets.UTF_8)
            + "&bucket="
            + URLEncoder.encode(bucket, StandardCharsets.UTF_8)
            + "&precision=ms";
  }

  @Override
  public Response send(List<Sample> batch) throws IOException, InterruptedException {
    return http.send("POST", query, LineProtocol.encode(batch), HEADERS);
  }
}
