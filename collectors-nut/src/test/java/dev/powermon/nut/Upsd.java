package dev.powermon.nut;

import dev.powermon.net.Deadline;
import dev.powermon.net.HostPort;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real upsd (Debian's nut-server) with one dummy-ups driver per UPS, each reading a {@code .dev}
 * file the test writes, listening on a free loopback port. Debian's {@code /usr/sbin/upsd} is a
 * wrapper that refuses to start unless /etc/nut/nut.conf enables it, so the binaries under /lib/nut
 * run directly.
 */
public final class Upsd implements AutoCloseable {
  static final Path UPSD = Path.of("/lib/nut/upsd");
  static final Path DUMMY_UPS = Path.of("/lib/nut/dummy-ups");
  public static final String USER = "monitor";
  public static final String PASSWORD = "s3cret-pw";

  private final Path dir;
  private final Map<String, String> devices;
  private final List<Process> processes = new ArrayList<>();
  private int port;
  private String tlsLines = "";

  /** {@code devices}: UPS name to the dummy-ups .dev file's contents ({@code var: value} lines). */
  public Upsd(Path dir, Map<String, String> devices) {
    this.dir = dir;
    this.devices = new LinkedHashMap<>(devices);
  }

  public Upsd start() throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("state"));
    StringBuilder upsConf = new StringBuilder();
    for (Map.Entry<String, String> d : devices.entrySet()) {
      write(d.getKey() + ".dev", d.getValue());
      upsConf
          .append('[')
          .append(d.getKey())
          .append("]\n  driver = dummy-ups\n  port = ")
          .append(d.getKey())
          .append(".dev\n  desc = \"test ")
          .append(d.getKey())
          .append("\"\n");
    }
    write("ups.conf", upsConf.toString());
    write("upsd.users", "[" + USER + "]\n  password = " + PASSWORD + "\n  upsmon secondary\n");
    Files.setPosixFilePermissions(
        dir.resolve("upsd.users"), PosixFilePermissions.fromString("rw-------"));
    for (String ups : devices.keySet()) {
      processes.add(run(DUMMY_UPS.toString(), "-a", ups, "-u", "root", "-F"));
      awaitFile(dir.resolve("state").resolve("dummy-ups-" + ups));
    }
    startUpsd();
    for (String ups : devices.keySet()) {
      awaitData(ups);
    }
    return this;
  }

  /** upsd answers {@code ups.status WAIT} until the driver's first update reaches it. */
  private void awaitData(String ups) throws IOException, InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      try (UpsdConnection c =
          UpsdConnection.open(
              new HostPort("127.0.0.1", port),
              Deadline.after(Duration.ofSeconds(2), "upsd did not answer"))) {
        if (!"WAIT".equals(c.listVar(ups).get("ups.status"))) {
          return;
        }
      }
      if (System.nanoTime() > end) {
        throw new IllegalStateException("upsd has no data from the driver of " + ups);
      }
      Thread.sleep(100);
    }
  }

  /**
   * Serves STARTTLS with the certificate {@code ident} of the NSS database {@code nssDir} (Debian's
   * upsd is built with NSS), unlocked by {@code password}. Call before {@link #start()}.
   */
  public Upsd tls(Path nssDir, String ident, String password) {
    tlsLines = "CERTPATH " + nssDir + "\nCERTIDENT \"" + ident + "\" \"" + password + "\"\n";
    return this;
  }

  /** Stops upsd only (the drivers keep running), as when the daemon is restarted or crashes. */
  public void stopUpsd() throws InterruptedException {
    Process upsd = processes.remove(processes.size() - 1);
    upsd.destroy();
    upsd.waitFor(10, TimeUnit.SECONDS);
  }

  /** Starts upsd again on the same port. */
  public void startUpsd() throws IOException, InterruptedException {
    if (port == 0) {
      port = freePort();
    }
    write("upsd.conf", "LISTEN 127.0.0.1 " + port + "\n" + tlsLines);
    processes.add(run(UPSD.toString(), "-u", "root", "-F"));
    awaitListening();
  }

  /** Rewrites a UPS's .dev file; dummy-ups re-reads a changed file at its next poll (2 s). */
  public void update(String ups, String contents) throws IOException {
    write(ups + ".dev", contents);
  }

  public int port() {
    return port;
  }

  public String target() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).destroy();
      processes.get(i).waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Process run(String... command) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(Path.of(command[0]).getFileName() + ".log").toFile());
    pb.environment().put("NUT_CONFPATH", dir.toString());
    pb.environment().put("NUT_STATEPATH", dir.resolve("state").toString());
    return pb.start();
  }

  private void write(String name, String contents) throws IOException {
    Files.writeString(dir.resolve(name), contents, StandardCharsets.UTF_8);
  }

  private static void awaitFile(Path file) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!Files.exists(file)) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("dummy-ups did not create " + file.getFileName());
      }
      Thread.sleep(20);
    }
  }

  private void awaitListening() throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        if (System.nanoTime() > end) {
          throw new IllegalStateException("upsd is not listening on " + port);
        }
        Thread.sleep(20);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
