package dev.powermon.exporter.web;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import dev.powermon.exporter.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * One listener's web config, in force: TLS, basic auth and response headers. A reload reads the
 * file and the certificate files again and swaps them whole for new connections, or, when anything
 * is wrong, keeps what runs; so certificates rotate without a restart.
 */
public final class WebSecurity {
  private final String flag;
  private final Path file;
  private volatile Applied applied;

  /** How the files read last looked on disk (time and size of each); a change means a reload. */
  private volatile List<String> seen;

  private record Applied(WebConfig config, BasicAuth auth, TlsContexts.Material tls) {}

  private WebSecurity(String flag, Path file, Applied applied) {
    this.flag = flag;
    this.file = file;
    this.applied = applied;
    this.seen = onDisk();
  }

  /**
   * The TLS material in force; a listener started with TLS keeps it (turning TLS off takes a
   * restart).
   */
  private TlsContexts.Material tlsMaterial() {
    return applied.tls();
  }

  /** No web config: plain HTTP, no authentication. */
  public static WebSecurity plain() {
    return new WebSecurity(
        null, null, new Applied(WebConfig.PLAIN, new BasicAuth(java.util.Map.of()), null));
  }

  /**
   * Reads {@code file}, the certificates and keys it names.
   *
   * @param flag the flag that named it, for messages
   * @throws ConfigException naming the flag, the file and what is wrong
   */
  public static WebSecurity load(String flag, Path file) throws ConfigException {
    return new WebSecurity(flag, file, apply(flag, WebConfigLoader.load(flag, file)));
  }

  /**
   * Reads the file and the files it names again; on any error the running settings stay and the
   * error is thrown. Switching TLS on or off needs a restart (the socket is plain or TLS from the
   * start).
   */
  public synchronized void reload() throws ConfigException {
    if (file == null) {
      return;
    }
    // Before reading, so a write during the read is seen at the next look (when the files named
    // change too, that look reloads once more, harmlessly).
    seen = onDisk();
    WebConfig next = WebConfigLoader.load(flag, file);
    if ((next.tls() == null) != (applied.config().tls() == null)) {
      throw new ConfigException(
          flag
              + " "
              + file
              + ": turning TLS on or off takes a restart; the listener keeps"
              + " its current settings");
    }
    applied = apply(flag, next); // new connections take the new certificate and settings
  }

  /**
   * Whether the file, or a certificate, key or CA file it names, changed on disk since it was last
   * read or looked at; so a broken file is reported once, not at every look. The toolkit reads its
   * file at every request; a look each second (a few stat calls) is as current for an operator.
   */
  public boolean changedOnDisk() {
    List<String> now = onDisk();
    if (now.equals(seen)) {
      return false;
    }
    seen = now;
    return true;
  }

  private List<String> onDisk() {
    if (file == null) {
      return List.of();
    }
    List<Path> files = new ArrayList<>(List.of(file));
    WebConfig.Tls tls = applied.config().tls();
    if (tls != null) {
      files.add(tls.certFile());
      files.add(tls.keyFile());
      if (tls.clientCaFile() != null) {
        files.add(tls.clientCaFile());
      }
    }
    List<String> out = new ArrayList<>();
    for (Path f : files) {
      try {
        out.add(Files.getLastModifiedTime(f) + " " + Files.size(f));
      } catch (IOException e) {
        out.add("unreadable"); // the reload says why
      }
    }
    return out;
  }

  public WebConfig config() {
    return applied.config();
  }

  /** The file read, or null without one. */
  public Path file() {
    return file;
  }

  boolean tls() {
    return applied.tls() != null;
  }

  /** Serves TLS on {@code https} with the material in force at each connection. */
  void attach(HttpsServer https) throws IOException {
    try {
      https.setHttpsConfigurator(TlsContexts.reloadable(this::tlsMaterial));
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS is not available in this JVM: " + e.getMessage(), e);
    }
  }

  /** Checks credentials with the users in force at each request. */
  public Authenticator authenticator() {
    return new Authenticator() {
      @Override
      public Result authenticate(HttpExchange exchange) {
        return applied.auth().authenticate(exchange);
      }
    };
  }

  /** Sets {@code http_server_config.headers} on every answer, before the handler writes it. */
  Filter headers() {
    return Filter.beforeHandler(
        "web config headers",
        exchange -> applied.config().headers().forEach(exchange.getResponseHeaders()::set));
  }

  private static Applied apply(String flag, WebConfig config) throws ConfigException {
    TlsContexts.Material tls = null;
    if (config.tls() != null) {
      if (!config.tls().curvePreferences().isEmpty()
          && System.getProperty("jdk.tls.namedGroups") == null) {
        // The JDK 17 takes named groups only JVM-wide, before the first handshake.
        System.setProperty(
            "jdk.tls.namedGroups", String.join(",", config.tls().curvePreferences()));
      }
      try {
        tls = TlsContexts.material(config.tls());
      } catch (IOException | GeneralSecurityException e) {
        throw new ConfigException(flag + ": tls_server_config: " + e.getMessage());
      }
    }
    return new Applied(config, new BasicAuth(config.users()), tls);
  }
}
