package dev.powermon.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real exporter/target/powermon.jar with the shipped JVM flags, fed by simulated sources: a
 * RAPL powercap tree, a fake tegrastats, the host itself and simulated Kasa devices.
 */
final class PowermonJar implements AutoCloseable {
  /** The flags of bin/powermon, which every shipped launch runs (JvmFlagsTest). */
  static final List<String> JVM_FLAGS =
      List.of(
          "-XX:+UseSerialGC",
          "-Xms8m",
          "-Xmx64m",
          "-XX:TieredStopAtLevel=1",
          "-XX:CICompilerCount=1",
          "-Xss256k",
          "-XX:ReservedCodeCacheSize=16m",
          "-XX:MaxMetaspaceSize=64m",
          "-XX:+ExitOnOutOfMemoryError",
          "-XX:-UsePerfData");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final ChildProcess process;
  private final String listen;
  private final String admin;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PowermonJar(ChildProcess process, String listen, String admin) {
    this.process = process;
    this.listen = listen;
    this.admin = admin;
  }

  static Path jar() {
    Path jar = Repo.root().resolve("exporter/target/powermon.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build it with mvn -B -q package -DskipTests");
    }
    return jar;
  }

  /**
   * Runs the JAR with the shipped JVM flags and {@code args} until it exits (a refused start, a
   * subcommand); its exit code and output.
   */
  static Command.Result runToExit(Path dir, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_FLAGS);
    command.addAll(List.of("-jar", jar().toString()));
    command.addAll(args);
    return Command.run(dir, command);
  }

  /** Runs the JAR with the simulated sources, every collector named, the admin API on. */
  static PowermonJar withSimulatedSources(
      Path dir, Path sysfs, Path tegrastats, List<String> kasaTargets)
      throws IOException, InterruptedException {
    return withSimulatedSources(dir, sysfs, tegrastats, kasaTargets, List.of());
  }

  /**
   * As above, with {@code moreArgs} naming further sources (the network meters of {@link
   * MeterRig}).
   */
  static PowermonJar withSimulatedSources(
      Path dir, Path sysfs, Path tegrastats, List<String> kasaTargets, List<String> moreArgs)
      throws IOException, InterruptedException {
    Path jetsonSysfs = Files.createDirectories(dir.resolve("jetson-sys"));
    Path config = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: info\n");
    List<String> args =
        new ArrayList<>(
            List.of(
                "--collector=rapl,jetson,host,kasa",
                "--collector.rapl.sysfs=" + sysfs,
                "--collector.jetson.tegrastats=" + tegrastats,
                "--collector.jetson.sysfs=" + jetsonSysfs,
                "--collector.jetson.device-type=orin-nano-e2e",
                "--collector.kasa.poll-interval=1s"));
    kasaTargets.forEach(t -> args.add("--collector.kasa.target=" + t));
    args.addAll(moreArgs);
    return start(dir, config, args);
  }

  /**
   * Runs the JAR with {@code config} and {@code args}, on free loopback ports; returns once
   * healthy.
   */
  static PowermonJar start(Path dir, Path config, List<String> args)
      throws IOException, InterruptedException {
    return start(dir, config, List.of(), Map.of(), args);
  }

  /**
   * With {@code jvmFlags} after the shipped ones and the environment changed as {@link
   * ChildProcess#start(String, List, Path, Map)} does.
   */
  static PowermonJar start(
      Path dir,
      Path config,
      List<String> jvmFlags,
      Map<String, String> environment,
      List<String> args)
      throws IOException, InterruptedException {
    return start(new Launch(dir, config, jvmFlags, environment, args, "/-/healthy"));
  }

  /**
   * With the metrics listener behind TLS or a password ({@code args} name the web config): ready
   * once the admin API, which takes {@code --web.admin.config.file}, answers plain HTTP.
   */
  static PowermonJar startSecured(Path dir, Path config, List<String> args)
      throws IOException, InterruptedException {
    return start(new Launch(dir, config, List.of(), Map.of(), args, null));
  }

  /**
   * The host collector behind {@code webConfig} on the metrics listener, the admin API with an
   * empty web config of its own (plain, loopback), and a config file that only sets the log level.
   */
  static PowermonJar startBehindWebConfig(Path dir, Path webConfig)
      throws IOException, InterruptedException {
    Path adminWeb = Files.writeString(dir.resolve("admin-web.yml"), "");
    Path config = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: info\n");
    return startSecured(
        dir,
        config,
        List.of(
            "--collector=host",
            "--web.config.file=" + webConfig,
            "--web.admin.config.file=" + adminWeb));
  }

  /**
   * One start's settings.
   *
   * @param jvmFlags after the shipped ones
   * @param environment changed as {@link ChildProcess#start(String, List, Path, Map)} does
   * @param healthPath on the metrics listener, or null to wait for the admin API's metric list
   */
  private record Launch(
      Path dir,
      Path config,
      List<String> jvmFlags,
      Map<String, String> environment,
      List<String> args,
      String healthPath) {}

  /** On free loopback ports, picked again when one is taken before the child binds it. */
  private static PowermonJar start(Launch launch) throws IOException, InterruptedException {
    return FreePort.startOnFreePorts(2, ports -> startOn(ports, launch));
  }

  /**
   * With its metrics and admin listeners on {@code ports} of 127.0.0.1; throws {@link
   * FreePort.TakenException} when it exits because one is taken.
   */
  static PowermonJar startOn(List<Integer> ports, Path dir, Path config, List<String> args)
      throws IOException, InterruptedException {
    return startOn(ports, new Launch(dir, config, List.of(), Map.of(), args, "/-/healthy"));
  }

  private static PowermonJar startOn(List<Integer> ports, Launch launch)
      throws IOException, InterruptedException {
    String listen = "127.0.0.1:" + ports.get(0);
    String admin = "127.0.0.1:" + ports.get(1);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_FLAGS);
    command.addAll(launch.jvmFlags());
    command.addAll(
        List.of(
            "-jar",
            jar().toString(),
            "--config.file=" + launch.config(),
            "--web.listen-address=" + listen,
            "--web.admin-address=" + admin));
    command.addAll(launch.args());
    PowermonJar jar =
        new PowermonJar(
            ChildProcess.start("powermon", command, launch.dir(), launch.environment()),
            listen,
            admin);
    // The admin API starts after the metrics listener: wait for both.
    String adminList = "http://" + admin + "/api/v1/metrics";
    String health =
        launch.healthPath() != null ? "http://" + listen + launch.healthPath() : adminList;
    jar.process.awaitReady(
        () -> jar.status(health) == 200 && jar.status(adminList) == 200, START_TIMEOUT);
    return jar;
  }

  /** The body of one scrape of /metrics. */
  String scrape() throws IOException, InterruptedException {
    HttpResponse<String> r =
        send(HttpRequest.newBuilder(URI.create("http://" + listen + "/metrics")));
    if (r.statusCode() != 200) {
      throw new IOException("/metrics answered " + r.statusCode());
    }
    return r.body();
  }

  /** The body of a GET of {@code path} on the metrics listener. */
  String get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create("http://" + listen + path))).body();
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private int status(String url) throws InterruptedException {
    try {
      return send(HttpRequest.newBuilder(URI.create(url))).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * SIGTERM, as systemd and Docker stop it; the exit code, or null when it did not exit in time.
   */
  Integer terminate(long seconds) throws InterruptedException {
    return process.terminate(seconds);
  }

  /** The JVM's process id, for a look at /proc/PID. */
  long pid() {
    return process.pid();
  }

  String log() {
    return process.tail();
  }

  /** Everything it has logged so far. */
  String output() throws IOException {
    return process.output();
  }

  /** host:port of its admin API. */
  String adminTarget() {
    return admin;
  }

  /** host:port of its /metrics. */
  String target() {
    return listen;
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
