package dev.powermon.kasa;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Parses device replies with limits, since anything on the LAN can answer on port 9999: bounded
 * nesting, string and number sizes, strict UTF-8, no duplicate keys, nothing after the value, and a
 * JSON object at the top.
 */
final class KasaJson {
  private static final ObjectMapper MAPPER = mapper();

  private KasaJson() {}

  static ObjectNode parse(byte[] utf8) throws KasaProtocolException {
    JsonNode node;
    try {
      node = MAPPER.readTree(utf8);
    } catch (JsonProcessingException e) {
      throw new KasaProtocolException(
          "reply is not valid JSON: " + firstLine(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new KasaProtocolException("reply is not valid JSON: " + firstLine(e.getMessage()), e);
    }
    if (node == null || !node.isObject()) {
      throw new KasaProtocolException(
          "reply is not a JSON object (got "
              + (node == null ? "nothing" : node.getNodeType())
              + ")");
    }
    return (ObjectNode) node;
  }

  /** Compact UTF-8 JSON for a request. */
  static byte[] write(JsonNode request) {
    return request.toString().getBytes(StandardCharsets.UTF_8);
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  private static ObjectMapper mapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxStringLength(XorFrames.MAX_PAYLOAD)
                    .maxNumberLength(64)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    factory.disable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);
    return new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  private static String firstLine(String message) {
    String m = message == null ? "" : message;
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
