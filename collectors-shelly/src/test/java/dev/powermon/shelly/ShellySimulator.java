package dev.powermon.shelly;

import dev.powermon.net.DeviceServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One simulated Shelly on a loopback port, serving the recorded-style replies of {@code
 * src/test/resources/shelly} (see its README) with the device's authentication checked for real:
 * basic for Gen1, SHA-256 digest for Gen2+. {@code /shelly} stays open, as on the devices. The
 * status document can be swapped (a reboot, a fault) while the device runs.
 */
public final class ShellySimulator implements AutoCloseable {
  public static final String PASSWORD = "sim-pass";

  /** The four devices the issue names, by resource prefix. */
  public enum Profile {
    PLUG_S("plugs-gen1", 1),
    PLUS_PLUG_S("plusplugs", 2),
    PRO_3EM("pro3em", 2),
    PRO_EM("proem", 2);

    final String prefix;
    final int generation;

    Profile(String prefix, int generation) {
      this.prefix = prefix;
      this.generation = generation;
    }
  }

  private final DeviceServer server;
  private final AtomicReference<String> status;
  private final String statusPath;

  public ShellySimulator(Profile profile, String password) throws IOException {
    String shelly = resource(profile.prefix + "-shelly.json");
    status = new AtomicReference<>(resource(profile.prefix + "-status.json"));
    statusPath = profile.generation >= 2 ? "/rpc/Shelly.GetStatus" : "/status";
    server = new DeviceServer().document("/shelly", () -> shelly).document(statusPath, status::get);
    if (password != null) {
      server.auth(
          profile.generation >= 2 ? DeviceServer.Auth.DIGEST : DeviceServer.Auth.BASIC,
          profile.generation >= 2 ? "admin" : "user",
          password,
          "shelly",
          "/shelly");
    }
  }

  /** Replaces the status document (a reboot's reset counters, a truncated or hostile reply). */
  void status(String json) {
    status.set(json);
  }

  String status() {
    return status.get();
  }

  /**
   * Serves an HTML error page in place of the status, as a device's web UI does when it is
   * confused.
   */
  void htmlError() {
    server.page(
        statusPath,
        "text/html",
        () -> "<html><body><h1>500 Internal Server Error</h1></body></html>");
  }

  /** Makes the status take {@code millis} to answer. */
  void slow(long millis) {
    String current = status.get();
    server.document(
        statusPath,
        () -> {
          try {
            Thread.sleep(millis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return current;
        });
  }

  public String target() {
    return server.target();
  }

  int challenges() {
    return server.challenges();
  }

  @Override
  public void close() {
    server.close();
  }

  static String resource(String name) {
    try (InputStream in = ShellySimulator.class.getResourceAsStream("/shelly/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
