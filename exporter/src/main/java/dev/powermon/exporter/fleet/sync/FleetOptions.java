package dev.powermon.exporter.fleet.sync;

import dev.powermon.api.SettingType;
import dev.powermon.exporter.fleet.TokenFile;
import dev.powermon.exporter.setup.HttpUrl;
import dev.powermon.exporter.setup.OperatorError;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code powermon}'s flags for a central config server (docs/fleet.md). Unset: the local file
 * alone.
 */
public final class FleetOptions {
  @Option(
      names = "--config.server",
      paramLabel = "URL",
      description =
          "Config server to fetch this device's config from (http://host:9108); --config.file keeps the"
              + " last one fetched, for when the server is down.")
  String server;

  @Option(
      names = "--config.device-id",
      paramLabel = "ID",
      description = "This device's name on the config server (default: the host name).")
  String deviceId;

  @Option(
      names = "--config.poll-interval",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description =
          "How often to ask the config server for changes, with up to 10%% jitter (default: ${DEFAULT-VALUE}).")
  String pollInterval;

  @Option(
      names = "--config.server.token-file",
      paramLabel = "FILE",
      description = "File holding the config server's bearer token.")
  Path tokenFile;

  public boolean enabled() {
    return server != null;
  }

  public URI server() {
    return HttpUrl.parse(
        "--config.server",
        server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
  }

  public String deviceId(String hostname) {
    return deviceId != null ? deviceId : hostname;
  }

  public Duration pollInterval() {
    Duration d;
    try {
      d = SettingType.parseDuration(pollInterval);
    } catch (IllegalArgumentException e) {
      throw new OperatorError("--config.poll-interval: " + e.getMessage());
    }
    if (d.compareTo(Duration.ofMillis(100)) < 0) {
      throw new OperatorError(
          "--config.poll-interval: must be at least 100ms, got " + pollInterval);
    }
    return d;
  }

  /** The token, or null when none was given. */
  public String token() {
    if (tokenFile == null) {
      return null;
    }
    return TokenFile.read("--config.server.token-file", tokenFile);
  }
}
