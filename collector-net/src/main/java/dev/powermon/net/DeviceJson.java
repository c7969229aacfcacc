package dev.powermon.net;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Parses device replies with limits, since anything on the LAN can answer in a device's place:
 * bounded nesting, string and number sizes, strict UTF-8, no duplicate keys, nothing after the
 * value, and a JSON object at the top.
 */
public final class DeviceJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(32)
                          .maxStringLength(DeviceHttp.MAX_BODY_BYTES)
                          .maxNumberLength(64)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private DeviceJson() {}

  /**
   * The object in {@code utf8}.
   *
   * @throws IOException "reply is not valid JSON: …" or "reply is not a JSON object", safe to log
   *     (the parser's first line, without the document)
   */
  public static ObjectNode parse(byte[] utf8) throws IOException {
    JsonNode node;
    try {
      node = MAPPER.readTree(utf8);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException("reply is not valid JSON: " + firstLine(e.getOriginalMessage()));
    }
    if (node == null || !node.isObject()) {
      throw new IOException(
          "reply is not a JSON object (got "
              + (node == null ? "nothing" : node.getNodeType())
              + ")");
    }
    return (ObjectNode) node;
  }

  private static String firstLine(String message) {
    String line = message == null ? "" : message.lines().findFirst().orElse("");
    return line.length() > 120 ? line.substring(0, 120) + "…" : line;
  }
}
