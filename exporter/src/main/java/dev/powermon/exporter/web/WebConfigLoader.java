package dev.powermon.exporter.web;

import dev.powermon.exporter.config.ConfigException;
import dev.powermon.net.BoundedYaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a web config file with the exporter-toolkit's schema; unknown keys are refused, as the
 * toolkit refuses them, so a typo never silently turns authentication off.
 */
public final class WebConfigLoader {
  /** A web config is a few dozen lines; anything near this is not one. */
  static final int MAX_FILE_BYTES = 64 * 1024;

  private static final Set<String> TOP =
      Set.of("tls_server_config", "http_server_config", "basic_auth_users");
  private static final Set<String> TLS =
      Set.of(
          "cert_file",
          "key_file",
          "client_auth_type",
          "client_ca_file",
          "client_allowed_sans",
          "min_version",
          "max_version",
          "cipher_suites",
          "curve_preferences",
          "prefer_server_cipher_suites",
          "cert",
          "key");
  private static final Set<String> HTTP = Set.of("http2", "headers");

  /** The response headers the toolkit lets the file set (others are refused, as there). */
  private static final Set<String> HEADERS =
      Set.of(
          "Content-Security-Policy",
          "X-Frame-Options",
          "X-Content-Type-Options",
          "X-XSS-Protection",
          "Strict-Transport-Security");

  private static final Map<String, String> VERSIONS =
      Map.of("TLS10", "TLSv1", "TLS11", "TLSv1.1", "TLS12", "TLSv1.2", "TLS13", "TLSv1.3");
  private static final Map<String, String> CURVES =
      Map.of(
          "CurveP256",
          "secp256r1",
          "CurveP384",
          "secp384r1",
          "CurveP521",
          "secp521r1",
          "X25519",
          "x25519");
  private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}$");

  private WebConfigLoader() {}

  /**
   * @param flag the flag that named the file, for the messages
   * @throws ConfigException naming the flag, the file and what is wrong
   */
  public static WebConfig load(String flag, Path file) throws ConfigException {
    try {
      return parse(flag, file);
    } catch (IllegalStateException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private static WebConfig parse(String flag, Path file) throws ConfigException {
    String where = flag + " " + file + ": ";
    Object root;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new ConfigException(
            where + "larger than " + MAX_FILE_BYTES + " bytes; this is not a web config");
      }
      try (InputStream in = Files.newInputStream(file)) {
        root = BoundedYaml.parser(MAX_FILE_BYTES).load(in);
      }
    } catch (IOException e) {
      throw new ConfigException(where + "cannot read it: " + e.getMessage());
    } catch (YAMLException e) {
      throw new ConfigException(
          where + "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null) {
      return WebConfig.PLAIN; // an empty file, as the toolkit takes it
    }
    Map<String, Object> top = map(where, "the file", root, TOP);
    Path dir = file.toAbsolutePath().getParent();
    WebConfig.Tls tls =
        top.containsKey("tls_server_config")
            ? tls(where, map(where, "tls_server_config", top.get("tls_server_config"), TLS), dir)
            : null;
    Map<String, String> headers = new LinkedHashMap<>();
    if (top.get("http_server_config") != null) {
      Map<String, Object> http =
          map(where, "http_server_config", top.get("http_server_config"), HTTP);
      if (http.get("headers") != null) {
        map(where, "http_server_config.headers", http.get("headers"), null)
            .forEach(
                (name, value) -> {
                  if (!HEADERS.contains(name)) {
                    throw new IllegalStateException(
                        where
                            + "http_server_config.headers: "
                            + name
                            + " cannot be set here; allowed: "
                            + String.join(", ", HEADERS.stream().sorted().toList()));
                  }
                  headers.put(name, String.valueOf(value));
                });
      }
    }
    Map<String, String> users = new LinkedHashMap<>();
    if (top.get("basic_auth_users") != null) {
      map(where, "basic_auth_users", top.get("basic_auth_users"), null)
          .forEach(
              (user, hash) -> {
                if (!(hash instanceof String h) || !BCRYPT.matcher(h).matches()) {
                  throw new IllegalStateException(
                      where
                          + "basic_auth_users."
                          + user
                          + ": not a bcrypt hash ($2a$, $2b$ or $2y$); make one with htpasswd -nBC 10 \"\" | tr -d ':\\n'");
                }
                users.put(user, h);
              });
    }
    return new WebConfig(tls, Map.copyOf(headers), Map.copyOf(users));
  }

  private static WebConfig.Tls tls(String where, Map<String, Object> t, Path dir) {
    if (t.get("cert") != null || t.get("key") != null) {
      throw new IllegalStateException(
          where
              + "tls_server_config: inline cert and key are not supported;"
              + " use cert_file and key_file");
    }
    Path cert = path(where, "cert_file", t.get("cert_file"), dir);
    Path key = path(where, "key_file", t.get("key_file"), dir);
    if (cert == null || key == null) {
      throw new IllegalStateException(
          where + "tls_server_config needs both cert_file and key_file");
    }
    WebConfig.ClientAuth auth = WebConfig.ClientAuth.NoClientCert;
    if (t.get("client_auth_type") != null) {
      try {
        auth = WebConfig.ClientAuth.valueOf(String.valueOf(t.get("client_auth_type")));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            where
                + "tls_server_config.client_auth_type: '"
                + t.get("client_auth_type")
                + "' is not one of "
                + List.of(WebConfig.ClientAuth.values()));
      }
    }
    Path ca = path(where, "client_ca_file", t.get("client_ca_file"), dir);
    if (auth.verifies && ca == null) {
      throw new IllegalStateException(
          where + "tls_server_config.client_auth_type " + auth + " needs client_ca_file");
    }
    List<String> sans = strings(where, "client_allowed_sans", t.get("client_allowed_sans"));
    if (!sans.isEmpty() && !auth.verifies) {
      throw new IllegalStateException(
          where
              + "tls_server_config.client_allowed_sans needs client_auth_type"
              + " RequireAndVerifyClientCert (or VerifyClientCertIfGiven)");
    }
    String min = version(where, "min_version", t.get("min_version"), "TLSv1.2");
    String max = version(where, "max_version", t.get("max_version"), "TLSv1.3");
    List<String> curves = new ArrayList<>();
    for (String c : strings(where, "curve_preferences", t.get("curve_preferences"))) {
      String java = CURVES.get(c);
      if (java == null) {
        throw new IllegalStateException(
            where
                + "tls_server_config.curve_preferences: unknown curve '"
                + c
                + "'; use "
                + String.join(", ", CURVES.keySet().stream().sorted().toList()));
      }
      curves.add(java);
    }
    return new WebConfig.Tls(
        cert,
        key,
        auth,
        ca,
        sans,
        min,
        max,
        strings(where, "cipher_suites", t.get("cipher_suites")),
        curves);
  }

  private static String version(String where, String key, Object value, String fallback) {
    if (value == null) {
      return fallback;
    }
    String java = VERSIONS.get(String.valueOf(value).toUpperCase(Locale.ROOT));
    if (java == null) {
      throw new IllegalStateException(
          where
              + "tls_server_config."
              + key
              + ": '"
              + value
              + "' is not one of TLS10, TLS11, TLS12, TLS13");
    }
    return java;
  }

  private static Path path(String where, String key, Object value, Path dir) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s) || s.isBlank()) {
      throw new IllegalStateException(
          where + "tls_server_config." + key + ": expected a file path");
    }
    return dir.resolve(s);
  }

  private static List<String> strings(String where, String key, Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list) || list.stream().anyMatch(v -> !(v instanceof String))) {
      throw new IllegalStateException(
          where + "tls_server_config." + key + ": expected a list of strings");
    }
    return list.stream().map(String.class::cast).toList();
  }

  /** {@code value} as a map whose keys are all in {@code allowed} (null: any string key). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(
      String where, String what, Object value, Set<String> allowed) {
    if (!(value instanceof Map<?, ?> m)) {
      throw new IllegalStateException(where + what + ": expected a mapping");
    }
    for (Object key : m.keySet()) {
      if (!(key instanceof String k)) {
        throw new IllegalStateException(where + what + ": key " + key + " is not a string");
      }
      if (allowed != null && !allowed.contains(k)) {
        throw new IllegalStateException(
            where
                + what
                + ": unknown key '"
                + k
                + "'; known: "
                + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
    return (Map<String, Object>) m;
  }
}
