package dev.powermon.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.exporter.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter-toolkit's web config schema: every key it knows is read, any other is refused. */
class WebConfigLoaderTest {
  private static final String HASH = "$2y$10$X0h1gDsPszWURQaxFh.zoubFi6DXncSjhoQNJgRrnGs7EsimhC7zG";

  @TempDir Path dir;

  @Test
  void readsTheToolkitsWholeSchema() throws Exception {
    WebConfig c =
        load(
            """
        tls_server_config:
          cert_file: tls/server.crt
          key_file: tls/server.key
          client_auth_type: RequireAndVerifyClientCert
          client_ca_file: tls/ca.crt
          client_allowed_sans: [prometheus.example]
          min_version: TLS12
          max_version: TLS13
          cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
          curve_preferences: [CurveP256, X25519]
          prefer_server_cipher_suites: true
        http_server_config:
          http2: true
          headers:
            Strict-Transport-Security: max-age=31536000
        basic_auth_users:
          prometheus: %s
        """
                .formatted(HASH));

    assertThat(c.tls().certFile()).isEqualTo(dir.resolve("tls/server.crt"));
    assertThat(c.tls().clientAuth()).isEqualTo(WebConfig.ClientAuth.RequireAndVerifyClientCert);
    assertThat(c.tls().clientCaFile()).isEqualTo(dir.resolve("tls/ca.crt"));
    assertThat(c.tls().clientAllowedSans()).containsExactly("prometheus.example");
    assertThat(c.tls().minVersion()).isEqualTo("TLSv1.2");
    assertThat(c.tls().maxVersion()).isEqualTo("TLSv1.3");
    assertThat(c.tls().cipherSuites()).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    assertThat(c.tls().curvePreferences()).containsExactly("secp256r1", "x25519");
    assertThat(c.headers()).containsEntry("Strict-Transport-Security", "max-age=31536000");
    assertThat(c.users()).containsEntry("prometheus", HASH);
    assertThat(c.authenticates()).isTrue();
  }

  @Test
  void anEmptyFileIsPlainHttp() throws Exception {
    assertThat(load("")).isEqualTo(WebConfig.PLAIN);
    assertThat(WebConfig.PLAIN.authenticates()).isFalse();
  }

  @Test
  void refusesWhatTheToolkitRefuses() {
    assertRefused(
        "basic_auth_user:\n  a: " + HASH + "\n", "the file: unknown key 'basic_auth_user'");
    assertRefused(
        "tls_server_config:\n  cert_file: a\n  key_file: b\n  min_versoin: TLS12\n",
        "tls_server_config: unknown key 'min_versoin'");
    assertRefused("basic_auth_users:\n  a: plaintext\n", "basic_auth_users.a: not a bcrypt hash");
    assertRefused(
        "basic_auth_users:\n  a: $1$md5$notbcrypt\n", "basic_auth_users.a: not a bcrypt hash");
    assertRefused(
        "http_server_config:\n  headers:\n    Set-Cookie: x\n", "Set-Cookie cannot be set here");
    assertRefused("tls_server_config:\n  cert_file: a\n", "needs both cert_file and key_file");
    assertRefused(
        "tls_server_config:\n  cert_file: a\n  key_file: b\n  client_auth_type: RequireAndVerifyClientCert\n",
        "needs client_ca_file");
    assertRefused(
        "tls_server_config:\n  cert_file: a\n  key_file: b\n  min_version: SSL3\n",
        "min_version: 'SSL3' is not one of");
    assertRefused(
        "tls_server_config:\n  cert_file: a\n  key_file: b\n  client_auth_type: Sometimes\n",
        "client_auth_type: 'Sometimes' is not one of");
    assertRefused(
        "tls_server_config:\n  cert_file: a\n  key_file: b\n  curve_preferences: [P256]\n",
        "unknown curve 'P256'");
    assertRefused("basic_auth_users:\n  a: x\n  a: y\n", "not valid YAML");
    assertRefused(
        "a: &x [1]\nb: [" + "*x, ".repeat(11) + "]\n",
        "not valid YAML: Number of aliases for non-scalar nodes exceeds the specified max=10");
    assertRefused(
        "a:\n" + " [\n".repeat(10_000) + " ]\n".repeat(10_000), "not valid YAML: Nesting Depth");
    assertRefused("- just\n- a list\n", "the file: expected a mapping");
  }

  @Test
  void refusesAnOversizedFileBeforeParsingIt() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("big.yml"), "# " + "x".repeat(WebConfigLoader.MAX_FILE_BYTES) + "\n");
    assertThatThrownBy(() -> WebConfigLoader.load("--web.config.file", file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("larger than 65536 bytes");
  }

  private WebConfig load(String yaml) throws Exception {
    return WebConfigLoader.load(
        "--web.config.file", Files.writeString(dir.resolve("web.yml"), yaml));
  }

  private void assertRefused(String yaml, String message) {
    assertThatThrownBy(() -> load(yaml))
        .as(yaml)
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--web.config.file " + dir.resolve("web.yml") + ": ")
        .hasMessageContaining(message);
  }
}
