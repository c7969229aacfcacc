package dev.powermon.kasa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks a SMART device several methods in as few requests as it allows: {@code multipleRequest} in
 * groups of {@value #MAX} (kasa.md §7), one at a time when the device does not know it or answers
 * something that does not line up with what was asked (a method missing, the order changed). Each
 * reply comes back shaped like a single one ({@code error_code}, {@code result}), in request order.
 */
final class SmartBatch {
  /** Requests per {@code multipleRequest}, as the reference's clients send. */
  static final int MAX = 5;

  private SmartBatch() {}

  static List<ObjectNode> ask(KasaSource.Channel channel, List<ObjectNode> requests)
      throws IOException {
    return ask(channel, requests, null);
  }

  /**
   * As {@link #ask(KasaSource.Channel, List)}, with the device's reply to the first group's {@code
   * multipleRequest} already in hand ({@code firstReply}, null when not asked yet).
   */
  static List<ObjectNode> ask(
      KasaSource.Channel channel, List<ObjectNode> requests, ObjectNode firstReply)
      throws IOException {
    List<ObjectNode> replies = new ArrayList<>();
    for (int from = 0; from < requests.size(); from += MAX) {
      List<ObjectNode> group = requests.subList(from, Math.min(requests.size(), from + MAX));
      ObjectNode multiple =
          from == 0 && firstReply != null
              ? firstReply
              : group.size() == 1
                  ? null
                  : channel.ask(KasaJson.write(SmartCommands.multiple(group)));
      List<ObjectNode> answered = multiple == null ? null : lineUp(multiple, group);
      if (answered == null) {
        answered = new ArrayList<>();
        for (ObjectNode request : group) {
          answered.add(channel.ask(KasaJson.write(request)));
        }
      }
      replies.addAll(answered);
    }
    return replies;
  }

  /** The replies of {@code reply}, one per request in order, or null when they do not line up. */
  private static List<ObjectNode> lineUp(ObjectNode reply, List<ObjectNode> group) {
    JsonNode responses = reply.path("result").path("responses");
    if (reply.path("error_code").asInt(-1) != 0
        || !responses.isArray()
        || responses.size() != group.size()) {
      return null;
    }
    List<ObjectNode> out = new ArrayList<>();
    for (int i = 0; i < group.size(); i++) {
      JsonNode r = responses.get(i);
      if (!r.isObject()
          || !r.path("method").asText().equals(group.get(i).path("method").asText())) {
        return null;
      }
      out.add((ObjectNode) r);
    }
    return out;
  }
}
