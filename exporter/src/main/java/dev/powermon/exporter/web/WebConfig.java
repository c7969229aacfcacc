package dev.powermon.exporter.web;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A {@code --web.config.file} as Prometheus' exporter-toolkit defines it (its
 * docs/web-configuration.md), so one file serves node_exporter and powermon alike. Paths are
 * resolved against the file's directory.
 *
 * @param tls null when the listener serves plain HTTP
 * @param headers response headers set on every answer ({@code http_server_config.headers})
 * @param users user name to bcrypt hash ({@code basic_auth_users}); empty means no basic auth
 */
public record WebConfig(Tls tls, Map<String, String> headers, Map<String, String> users) {
  /** No TLS, no authentication: what a listener without a web config serves. */
  public static final WebConfig PLAIN = new WebConfig(null, Map.of(), Map.of());

  /** {@code tls_server_config}. */
  public record Tls(
      Path certFile,
      Path keyFile,
      ClientAuth clientAuth,
      Path clientCaFile,
      List<String> clientAllowedSans,
      String minVersion,
      String maxVersion,
      List<String> cipherSuites,
      List<String> curvePreferences) {}

  /** {@code client_auth_type}, in the toolkit's (Go's) names. */
  public enum ClientAuth {
    NoClientCert(false, false, false),
    RequestClientCert(true, false, false),
    RequireAnyClientCert(true, true, false),
    VerifyClientCertIfGiven(true, false, true),
    RequireAndVerifyClientCert(true, true, true);

    final boolean asks;
    final boolean requires;
    final boolean verifies;

    ClientAuth(boolean asks, boolean requires, boolean verifies) {
      this.asks = asks;
      this.requires = requires;
      this.verifies = verifies;
    }
  }

  /**
   * Whether a client must prove who it is: a password or a verified, required client certificate.
   */
  public boolean authenticates() {
    return !users.isEmpty()
        || (tls != null && tls.clientAuth().requires && tls.clientAuth().verifies);
  }
}
