package dev.powermon.net;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Reads JSON documents from one device, answering its authentication challenge: HTTP basic (Shelly
 * Gen1, Tasmota's web server) or digest (Shelly Gen2+). A digest challenge is kept and reused until
 * the device refuses it, so a steady poll costs one request. Not shared between threads: one per
 * device.
 */
public final class DeviceClient {
  private final DeviceHttp http;
  private final HostPort target;
  private final DeviceCredentials credentials;
  private String basic;
  private DigestChallenge digest;

  /** {@code credentials} may be null: a device that then asks for them fails with a hint. */
  public DeviceClient(DeviceHttp http, HostPort target, DeviceCredentials credentials) {
    this.http = http;
    this.target = target;
    this.credentials = credentials;
  }

  /**
   * GETs {@code pathAndQuery} ({@code /status}, {@code /rpc/Shelly.GetStatus}) and parses the
   * object.
   *
   * @throws IOException with a message an operator can act on; it never carries the password
   */
  public ObjectNode getJson(String pathAndQuery, Deadline deadline) throws IOException {
    URI uri = URI.create("http://" + target.label() + pathAndQuery);
    String path =
        uri.getRawPath(); // messages name the path only: a query may carry a password (Tasmota)
    DeviceHttp.Response response = http.get(uri, authorization(pathAndQuery), deadline);
    if (response.status() == 401 && credentials != null && answer(response.wwwAuthenticate())) {
      response = http.get(uri, authorization(pathAndQuery), deadline);
    }
    if (response.status() == 401) {
      digest = null;
      basic = null;
      throw new IOException(
          credentials == null
              ? "the device asks for a password (HTTP 401); set the collector's credentials-file"
              : "the device refused the credentials (HTTP 401); check the credentials file");
    }
    if (response.status() != 200) {
      throw new IOException("HTTP " + response.status() + " for " + path);
    }
    if (response.contentType().toLowerCase(java.util.Locale.ROOT).startsWith("text/html")) {
      throw new IOException("the device answered an HTML page, not JSON, for " + path);
    }
    return DeviceJson.parse(response.body());
  }

  private Map<String, String> authorization(String pathAndQuery) {
    if (digest != null) {
      return Map.of(
          "Authorization",
          digest.authorization(
              credentials.username(), credentials.password(), "GET", pathAndQuery));
    }
    return basic == null ? Map.of() : Map.of("Authorization", basic);
  }

  /** Takes the challenge of a 401; false when there is nothing new to try. */
  private boolean answer(String challenge) throws IOException {
    if (challenge == null) {
      return false;
    }
    if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
      if (basic != null) {
        return false; // these credentials were just refused
      }
      basic =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      (credentials.username() + ":" + credentials.password())
                          .getBytes(StandardCharsets.UTF_8));
      return true;
    }
    try {
      digest = DigestChallenge.parse(challenge);
      return true;
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage());
    }
  }
}
