package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.sun.net.httpserver.HttpServer;
import dev.powermon.kasa.sim.DeviceProfile;
import dev.powermon.kasa.sim.SimulatedKlapDevice;
import dev.powermon.net.DeviceServer;
import dev.powermon.shelly.ShellySimulator;
import dev.powermon.tasmota.Mosquitto;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every secret powermon takes, each from a file, on the real JAR: push tokens and password, the
 * Kasa/Tapo, Shelly, NUT and Tasmota (HTTP and MQTT) credentials, the config server's token, the
 * password a scraper sends. Every path that could print one is driven: each peer refuses it and
 * echoes it back (a push receiver, the config server, upsd), each device is given a wrong password,
 * every page is fetched, errors included. The secrets appear nowhere: not in the output, not in a
 * page, not in /proc/PID/cmdline or /proc/PID/environ. And a secret is not taken where it would be
 * visible: a URL with user:password@ is refused with one line that does not repeat it.
 */
class SecretsAuditTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Each secret by where it goes; values are distinctive, so a grep cannot miss them. */
  private static final Map<String, String> SECRETS = new LinkedHashMap<>();

  static {
    SECRETS.put("remote-write bearer token", "rw-bearer-Zq81xKv");
    SECRETS.put("remote-write password", "rw-basic-Gt58bVc");
    SECRETS.put("influx token", "influx-token-Pm27yWd");
    SECRETS.put("config server token", "cfg-token-Hs64nTq");
    SECRETS.put("kasa password", "kasa-pw-Lr39cBe");
    SECRETS.put("shelly password", "shelly-pw-Uf52oGi");
    SECRETS.put("nut password", "nut-pw-Wa17eNx");
    SECRETS.put("tasmota password", "tasmota-pw-Jc85tMo");
    SECRETS.put("tasmota mqtt password", "mqtt-pw-Yd40rSu");
    SECRETS.put("scraper password", "scrape-pw-Kn93vAh");
  }

  @Test
  void noSecretIsPrintedServedOrVisibleInTheProcess(@TempDir Path dir) throws Exception {
    Map<String, AtomicInteger> echoed = new ConcurrentHashMap<>();
    HttpServer echo = echoingRefuser(echoed);
    SimulatedKlapDevice klap =
        SimulatedKlapDevice.start(
            InetAddress.getLoopbackAddress(),
            2,
            "audit@example.com",
            "the-real-kasa-password",
            SimulatedKlapDevice.iot(DeviceProfile.load("plug-new")));
    ShellySimulator shelly =
        new ShellySimulator(ShellySimulator.Profile.PLUS_PLUG_S, "the-real-shelly-password");
    DeviceServer tasmota =
        new DeviceServer()
            .document("/cm?cmnd=Status%2010", () -> "{}")
            .auth(DeviceServer.Auth.BASIC, "admin", "the-real-tasmota-password", "tasmota");
    ServerSocket upsd = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread fakeUpsd = echoingUpsd(upsd, echoed);
    Mosquitto broker = new Mosquitto(Files.createDirectories(dir.resolve("mqtt")));
    String hash = BCrypt.withDefaults().hashToString(4, secret("scraper password").toCharArray());
    Path web =
        Files.writeString(dir.resolve("web.yml"), "basic_auth_users:\n  prom: " + hash + "\n");
    Path adminWeb = Files.writeString(dir.resolve("admin-web.yml"), "");
    Path config = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: debug\n");
    String echoUrl = "http://127.0.0.1:" + echo.getAddress().getPort();
    List<String> args =
        List.of(
            "--collector=kasa,shelly,nut,tasmota",
            "--collector.kasa.target=" + klap.target(),
            "--collector.kasa.poll-interval=1s",
            "--collector.kasa.credentials-file=" + credentials(dir, "kasa", "audit@example.com"),
            "--collector.shelly.target=" + shelly.target(),
            "--collector.shelly.interval=1s",
            "--collector.shelly.credentials-file=" + credentials(dir, "shelly", "admin"),
            "--collector.nut.target=127.0.0.1:" + upsd.getLocalPort(),
            "--collector.nut.interval=1s",
            "--collector.nut.credentials-file=" + credentials(dir, "nut", "monitor"),
            "--collector.tasmota.target=" + tasmota.target(),
            "--collector.tasmota.interval=1s",
            "--collector.tasmota.credentials-file=" + credentials(dir, "tasmota", "admin"),
            "--collector.tasmota.mqtt-broker=" + broker.url(),
            "--collector.tasmota.mqtt-credentials-file=" + credentials(dir, "tasmota mqtt", "plug"),
            "--push.remote-write.url=" + echoUrl + "/api/v1/write",
            "--push.remote-write.bearer-token-file=" + secretFile(dir, "remote-write bearer token"),
            "--push.influx.url=" + echoUrl,
            "--push.influx.org=audit",
            "--push.influx.bucket=audit",
            "--push.influx.token-file=" + secretFile(dir, "influx token"),
            "--push.interval=1s",
            "--config.server=" + echoUrl,
            "--config.server.token-file=" + secretFile(dir, "config server token"),
            "--web.config.file=" + web,
            "--web.admin.config.file=" + adminWeb);

    List<String> seen = new ArrayList<>(); // every page and output, to grep
    Command.Result help = PowermonJar.runToExit(dir, withHelp(args));
    seen.add(help.output());
    long pid;
    try (PowermonJar powermon = PowermonJar.startSecured(dir, config, args)) {
      pid = powermon.pid();
      await(
          "every peer refused and echoed its credential, every device was asked",
          () ->
              echoed.getOrDefault("/api/v1/write", new AtomicInteger()).get() > 0
                  && echoed.getOrDefault("/api/v2/write", new AtomicInteger()).get() > 0
                  && echoed.keySet().stream().anyMatch(k -> k.startsWith("/config"))
                  && echoed.getOrDefault("upsd", new AtomicInteger()).get() > 0
                  && tasmota.requests() > 0,
          powermon);
      Thread.sleep(2000); // a few more rounds of each failure, so state-change logging has run

      String m = "http://" + powermon.target();
      String a = "http://" + powermon.adminTarget();
      String right = "prom:" + secret("scraper password");
      String wrong = "prom:" + secret("scraper password") + "x";
      for (String path :
          List.of(
              "/",
              "/metrics",
              "/-/healthy",
              "/-/ready",
              "/probe?target=" + klap.target(),
              "/probe?target=" + klap.target() + "&collector=kasa",
              "/probe?target=" + shelly.target() + "&collector=shelly",
              "/probe?target=" + tasmota.target() + "&collector=tasmota",
              "/probe?target=10.9.8.7&collector=kasa",
              "/nope",
              "/api/v1/status")) {
        seen.add(get(m + path, right));
        seen.add(get(m + path, wrong));
      }
      seen.add(get(m + "/metrics", null));
      seen.add(send("POST", m + "/metrics", right));
      for (String path : List.of("/api/v1/metrics", "/api/v1/status", "/", "/nope")) {
        seen.add(get(a + path, null));
      }
      seen.add(send("POST", a + "/-/reload", null)); // fetches from the echoing config server
      await(
          "the reload's fetch was refused too",
          () -> echoed.keySet().stream().filter(k -> k.startsWith("/config")).count() > 0,
          powermon);
      Thread.sleep(1000);
      seen.add(new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"))));
      seen.add(new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ"))));
      seen.add(powermon.output());
      assertThat(powermon.output()).as("the refusals were logged").contains("401");

      // Remote-write takes a bearer token or basic auth, not both: the password in a run of its
      // own.
      int before = echoed.get("/api/v1/write").get();
      try (PowermonJar basic =
          PowermonJar.start(
              Files.createDirectories(dir.resolve("basic")), // its own log file
              config,
              List.of(
                  "--collector=host",
                  "--push.remote-write.url=" + echoUrl + "/api/v1/write",
                  "--push.remote-write.basic-auth-user=pusher",
                  "--push.remote-write.basic-auth-password-file="
                      + secretFile(dir, "remote-write password"),
                  "--push.interval=1s"))) {
        await(
            "the receiver refused the basic-auth push",
            () -> echoed.get("/api/v1/write").get() > before + 1,
            basic);
        seen.add(get("http://" + basic.target() + "/", null));
        seen.add(new String(Files.readAllBytes(Path.of("/proc/" + basic.pid() + "/cmdline"))));
        seen.add(new String(Files.readAllBytes(Path.of("/proc/" + basic.pid() + "/environ"))));
        seen.add(basic.output());
      }
    } finally {
      echo.stop(0);
      klap.close();
      shelly.close();
      tasmota.close();
      broker.close();
      upsd.close();
      fakeUpsd.join(5000);
    }

    String all = String.join("\n", seen);
    for (Map.Entry<String, String> s : SECRETS.entrySet()) {
      assertThat(all).as(s.getKey()).doesNotContain(s.getValue());
      for (String user : List.of("prom:", "pusher:")) {
        String basic = Base64.getEncoder().encodeToString((user + s.getValue()).getBytes());
        assertThat(all).as(s.getKey() + " in base64").doesNotContain(basic);
      }
    }
    System.out.printf(
        "secrets audit: %d secrets, %d pages and outputs (%d KiB), /proc/%d/cmdline and environ:"
            + " none shows a secret; peers echoed credentials %s%n",
        SECRETS.size(), seen.size(), all.length() / 1024, pid, echoed);
  }

  @Test
  void secretsInArgvOrAUrlAreRefusedWithOneLineThatDoesNotRepeatThem(@TempDir Path dir)
      throws Exception {
    String secret = "argv-secret-Qe71pLz";
    Path config = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: info\n");
    for (List<String> args :
        List.of(
            List.of("--push.remote-write.url=http://user:" + secret + "@127.0.0.1:1/api/v1/write"),
            List.of("--push.pushgateway.url=http://" + secret + "@127.0.0.1:1"),
            List.of(
                "--push.remote-write.url=http://127.0.0.1:1/w",
                "--push.remote-write.header=Authorization=Bearer " + secret),
            List.of("--config.server=http://fleet:" + secret + "@127.0.0.1:1"),
            List.of(
                "--collector=tasmota",
                "--collector.tasmota.mqtt-broker=tcp://plug:" + secret + "@127.0.0.1:1883"))) {
      List<String> command = new ArrayList<>(args);
      command.addAll(
          List.of(
              "--config.file=" + config,
              "--web.listen-address=127.0.0.1:" + FreePort.pick(1).get(0),
              "--web.admin-address=off"));
      Command.Result r = PowermonJar.runToExit(dir, command);
      System.out.printf(
          "secret in argv: exit %d: %s%n",
          r.exitCode(),
          r.output().lines().filter(l -> l.startsWith("powermon: ")).findFirst().orElse(""));
      assertThat(r.exitCode()).as(args.toString()).isEqualTo(2);
      assertThat(r.output().lines().filter(l -> !l.contains(" level=info ")))
          .as(r.output())
          .singleElement()
          .asString()
          .startsWith("powermon: ");
      assertThat(r.output()).doesNotContain(secret);
    }
  }

  private static String secret(String name) {
    return SECRETS.get(name);
  }

  /** A token or password file holding the secret {@code name}, owner-only. */
  private static Path secretFile(Path dir, String name) throws IOException {
    return ownerOnly(
        Files.writeString(dir.resolve(name.replace(' ', '-') + ".secret"), secret(name) + "\n"));
  }

  /** A credentials file with {@code user} and the secret "{@code name} password". */
  private static Path credentials(Path dir, String name, String user) throws IOException {
    return ownerOnly(
        Files.writeString(
            dir.resolve(name.replace(' ', '-') + "-credentials.yml"),
            "username: '" + user + "'\npassword: '" + secret(name + " password") + "'\n"));
  }

  private static Path ownerOnly(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private static List<String> withHelp(List<String> args) {
    List<String> out = new ArrayList<>(args);
    out.add("--help");
    return out;
  }

  /**
   * An HTTP peer that refuses everything with 401 and echoes the request's Authorization header in
   * its body, as the red-team's receiver did; counts requests per path.
   */
  private static HttpServer echoingRefuser(Map<String, AtomicInteger> echoed) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(
        "/",
        exchange -> {
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          echoed
              .computeIfAbsent(exchange.getRequestURI().getPath(), k -> new AtomicInteger())
              .incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          byte[] body =
              ("{\"error\": \"unauthorized\", \"authorization\": \""
                      + auth
                      + "\", \"token\": \""
                      + (auth == null ? "" : auth.replaceFirst("^\\S+ ", ""))
                      + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(401, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return server;
  }

  /**
   * A hostile upsd: lists one UPS, takes the user name, and refuses the password in an error that
   * repeats it (and every other line likewise).
   */
  private static Thread echoingUpsd(ServerSocket socket, Map<String, AtomicInteger> echoed) {
    Thread t =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                  client.setSoTimeout(5000);
                  BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                  PrintWriter out =
                      new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8);
                  for (int i = 0; i < 10; i++) { // bounded: a poll sends a few lines
                    String line = in.readLine();
                    if (line == null) {
                      break;
                    }
                    if (line.equals("LIST UPS")) {
                      out.print("BEGIN LIST UPS\nUPS rack \"fake\"\nEND LIST UPS\n");
                    } else if (line.startsWith("USERNAME")) {
                      out.print("OK\n");
                    } else {
                      if (line.startsWith("PASSWORD")) {
                        echoed.computeIfAbsent("upsd", k -> new AtomicInteger()).incrementAndGet();
                      }
                      out.print("ERR ACCESS-DENIED " + line + "\n");
                    }
                    out.flush();
                  }
                } catch (IOException e) {
                  // closed by the test, or the client went: take the next
                }
              }
            },
            "echoing-upsd");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static String get(String url, String userPassword) throws Exception {
    return send("GET", url, userPassword);
  }

  /** The status, headers and body of one request, as text to grep. */
  private static String send(String method, String url, String userPassword) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(15))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (userPassword != null) {
      b.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.headers().map() + "\n" + r.body();
  }

  private static void await(String what, BooleanSupplier condition, PowermonJar powermon)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within 60 s: " + what + "\n" + powermon.log());
      }
      Thread.sleep(200);
    }
  }
}
