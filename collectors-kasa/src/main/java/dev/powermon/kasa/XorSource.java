package dev.powermon.kasa;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.powermon.net.Deadline;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The legacy protocol: XOR-obfuscated JSON in length-prefixed frames on one TCP connection (port
 * 9999).
 */
final class XorSource implements KasaSource {

  @Override
  public Channel open(InetSocketAddress address, Duration requestTimeout, Deadline wholePoll) {
    KasaConnection connection = new KasaConnection(address);
    return new Channel() {
      @Override
      public ObjectNode ask(byte[] request) throws IOException {
        return KasaJson.parse(
            connection.exchange(
                request,
                Deadline.after(
                        requestTimeout,
                        "no complete reply within " + requestTimeout.toMillis() + " ms")
                    .earliest(wholePoll)));
      }

      @Override
      public void close() {
        connection.close();
      }
    };
  }

  @Override
  public String transport() {
    return "xor";
  }
}
