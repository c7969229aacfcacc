package dev.powermon.exporter.push;

import io.airlift.compress.snappy.SnappyCompressor;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Prometheus remote-write 1.0: a protobuf WriteRequest, snappy block-compressed, POSTed. */
final class RemoteWriteSender implements Sender {
  static final Map<String, String> HEADERS =
      Map.of(
          "Content-Encoding", "snappy",
          "Content-Type", "application/x-protobuf",
          "X-Prometheus-Remote-Write-Version", "0.1.0");

  private final HttpPush http;
  private final SnappyCompressor snappy = new SnappyCompressor();

  RemoteWriteSender(HttpPush http) {
    this.http = http;
  }

  @Override
  public Response send(List<Sample> batch) throws IOException, InterruptedException {
    return http.send("POST", null, compress(WriteRequestEncoder.encode(batch)), HEADERS);
  }

  /**
   * Snappy's block format, which remote-write requires (the framed stream format is refused by
   * receivers).
   */
  byte[] compress(byte[] raw) {
    byte[] out = new byte[snappy.maxCompressedLength(raw.length)];
    int length = snappy.compress(raw, 0, raw.length, out, 0, out.length);
    return Arrays.copyOf(out, length);
  }
}
