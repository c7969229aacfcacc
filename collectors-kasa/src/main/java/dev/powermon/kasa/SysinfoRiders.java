package dev.powermon.kasa;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The legacy commands that ride in one request with {@code system.get_sysinfo} (the protocol takes
 * several modules per request, kasa.md §4), for one device: those it answered without error in the
 * last poll. A plug's poll is then one request instead of three, a strip's saves one; over KLAP
 * each saved request is an HTTP round trip. Only commands the device has answered on their own
 * ride, as some firmware crashes on a request that names a module it lacks, and a failed poll sends
 * the next one back to asking one command at a time (the device may have rebooted into other
 * firmware, or be another device). Not thread-safe: the device's {@link DeviceSession} serialises
 * polls.
 */
final class SysinfoRiders {
  private List<Commands.Ask> riding = List.of();
  private final List<Commands.Ask> answered = new ArrayList<>();
  private ObjectNode first;

  /** Starts a poll: asks sysinfo and the riders, and returns the reply. */
  ObjectNode start(KasaSource.Channel channel) throws IOException {
    answered.clear();
    first = channel.ask(Commands.sysinfoWith(riding));
    return first;
  }

  /**
   * The reply holding {@code module.method}: the first request's when it rode there and was
   * answered, else one asked alone. Answered without error, it rides next time.
   */
  ObjectNode ask(KasaSource.Channel channel, String module, String method) throws IOException {
    Commands.Ask ask = new Commands.Ask(module, method);
    ObjectNode reply =
        riding.contains(ask) && first.path(module).path(method).isObject()
            ? first
            : channel.ask(Commands.single(ask));
    if (Replies.answered(reply, module, method)) {
      answered.add(ask);
    }
    return reply;
  }

  /** Ends a complete poll: what it answered rides in the next. */
  void finish() {
    riding = List.copyOf(answered);
  }

  /** After a failed poll: the next asks one command at a time. */
  void forget() {
    riding = List.of();
  }
}
