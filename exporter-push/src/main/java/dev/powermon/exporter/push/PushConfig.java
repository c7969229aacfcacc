package dev.powermon.exporter.push;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where and how to push, validated by the command line.
 *
 * @param remoteWrite remote-write receivers, empty for none
 * @param interval how often the regular series are collected and pushed
 * @param headers extra request headers for remote-write (a tenant id, never credentials)
 * @param bearerTokenFile remote-write bearer token, or null
 * @param basicUser remote-write basic-auth user (the password comes from {@code
 *     basicPasswordFile}), or null
 * @param instance the {@code instance} label of every pushed series
 * @param queueSamples samples each target holds at most while its receiver is away
 * @param timeout deadline of one request, connecting included
 * @param influx the InfluxDB v2 target, or null
 * @param pushgateway the Pushgateway's base URL, or null
 */
public record PushConfig(
    List<URI> remoteWrite,
    Duration interval,
    Map<String, String> headers,
    Path bearerTokenFile,
    String basicUser,
    Path basicPasswordFile,
    String instance,
    int queueSamples,
    Duration timeout,
    Influx influx,
    URI pushgateway) {

  /**
   * An InfluxDB v2 write target.
   *
   * @param url the write endpoint ({@code .../api/v2/write}), without the query
   * @param tokenFile the token, or null to send none; never from the environment, which {@code
   *     /proc/PID/environ}, {@code docker inspect} and crash reports show
   */
  public record Influx(URI url, String org, String bucket, Path tokenFile) {
    Credentials credentials() {
      return tokenFile != null
          ? Credentials.influxToken(Credentials.file(tokenFile))
          : Credentials.NONE;
    }
  }

  public static final String JOB = "powermon";

  public PushConfig {
    remoteWrite = List.copyOf(remoteWrite);
    headers = Map.copyOf(headers);
  }

  /** Whether anything is pushed at all. */
  public boolean enabled() {
    return !remoteWrite.isEmpty() || influx != null || pushgateway != null;
  }

  Credentials remoteWriteCredentials() {
    if (bearerTokenFile != null) {
      return Credentials.bearer(bearerTokenFile);
    }
    return basicUser != null ? Credentials.basic(basicUser, basicPasswordFile) : Credentials.NONE;
  }

  /**
   * The {@code target} label: scheme, host, port and path, never the user info or query (they may
   * hold secrets).
   */
  public static String targetLabel(URI url) {
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }
}
