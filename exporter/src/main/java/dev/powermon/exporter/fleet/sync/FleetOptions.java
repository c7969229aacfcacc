package dev.powermon.exporter.fleet.sync;

import dev.powermon.api.SettingType;
import dev.powermon.exporter.fleet.TokenFile;
import dev.powermon.exporter.setup.HttpUrl;
import dev.powermon.exporter.setup.OperatorError;
import dev.powermon.exporter.web.ClientCertificate;
import dev.powermon.net.TrustedCertificates;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
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

  @Option(
      names = "--config.server.ca-file",
      paramLabel = "FILE",
      description = "PEM CA (or self-signed cert) of an https server.")
  Path caFile;

  @Option(
      names = "--config.server.cert-file",
      paramLabel = "FILE",
      description = "PEM client certificate, if the server wants one.")
  Path certFile;

  @Option(
      names = "--config.server.key-file",
      paramLabel = "FILE",
      description = "Its PEM (PKCS#8) key.")
  Path keyFile;

  @Option(
      names = "--config.server.username",
      paramLabel = "USER",
      description = "Basic-auth user, instead of a bearer token.")
  String username;

  @Option(
      names = "--config.server.password-file",
      paramLabel = "FILE",
      description = "File holding that user's password.")
  Path passwordFile;

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

  /**
   * The TLS client context for an https server.
   *
   * @throws OperatorError when the CA file is missing or holds no certificate
   */
  public SSLContext tls() {
    if ((certFile == null) != (keyFile == null)) {
      throw new OperatorError(
          "--config.server.cert-file and --config.server.key-file go together; give both or neither");
    }
    try {
      KeyManager[] keys =
          certFile == null
              ? null
              : ClientCertificate.keyManagers("--config.server.cert-file", certFile, keyFile);
      return TrustedCertificates.context("--config.server.ca-file", caFile, keys);
    } catch (IllegalArgumentException e) {
      throw new OperatorError(e.getMessage());
    }
  }

  /**
   * The {@code Authorization} header to send: the bearer token, or the basic-auth user; null for
   * none. A request carries one, so only one may be given.
   */
  public String authorization() {
    if ((username == null) != (passwordFile == null)) {
      throw new OperatorError(
          "--config.server.username and --config.server.password-file go together; give both or neither");
    }
    if (tokenFile != null && username != null) {
      throw new OperatorError(
          "a request carries one Authorization header: give --config.server.token-file or"
              + " --config.server.username, not both");
    }
    if (tokenFile != null) {
      return "Bearer " + TokenFile.read("--config.server.token-file", tokenFile);
    }
    if (username != null) {
      return ConfigClient.basic(
          username, TokenFile.read("--config.server.password-file", passwordFile));
    }
    return null;
  }
}
