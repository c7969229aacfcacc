package dev.powermon.shelly;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.powermon.net.Deadline;
import dev.powermon.net.DeviceClient;
import dev.powermon.net.DeviceCredentials;
import dev.powermon.net.DeviceHttp;
import dev.powermon.net.HostPort;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads real devices over HTTP: {@code /shelly} once per device (it names the generation and needs
 * no password; asked again after a failure, in case the device was replaced or updated), then at
 * every poll the generation's status document. One client per device keeps its digest nonce between
 * polls.
 */
final class HttpShellySource implements ShellySource {
  private final DeviceHttp http = new DeviceHttp();
  private final Duration timeout;
  private final Supplier<DeviceCredentials> credentials;
  private final StatusParser parser;
  private final Map<String, DeviceClient> clients = new ConcurrentHashMap<>();
  private final Map<String, ShellyIdentity> identities = new ConcurrentHashMap<>();

  HttpShellySource(Duration timeout, Supplier<DeviceCredentials> credentials, StatusParser parser) {
    this.timeout = timeout;
    this.credentials = credentials;
    this.parser = parser;
  }

  @Override
  public ShellyReading read(HostPort target) throws IOException {
    Deadline deadline =
        Deadline.after(timeout, "no complete reply within " + timeout.toMillis() + " ms");
    DeviceClient client =
        clients.computeIfAbsent(
            target.label(), k -> new DeviceClient(http, target, credentials.get()));
    try {
      ShellyIdentity identity = identities.get(target.label());
      if (identity == null) {
        identity = IdentityParser.parse(client.getJson("/shelly", deadline));
        identities.put(target.label(), identity);
      }
      ObjectNode status =
          identity.generation() >= 2
              ? client.getJson("/rpc/Shelly.GetStatus", deadline)
              : client.getJson("/status", deadline);
      return new ShellyReading(
          identity, identity.generation() >= 2 ? parser.gen2(status) : parser.gen1(status));
    } catch (IOException | RuntimeException e) {
      identities.remove(target.label());
      clients.remove(target.label()); // a fresh client reads the credentials file again
      throw e;
    }
  }
}
