package dev.powermon.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Simulated Kasa devices speaking the wire protocol on loopback: the Kasa module's test simulator
 * (collectors-kasa test-jar, KasaSimulatorMain) in a child JVM, stopped by closing its standard
 * input.
 */
final class KasaSimulator implements AutoCloseable {
  private static final int MAX_LINES = 50;

  private final Process process;
  private final List<String> targets;

  private KasaSimulator(Process process, List<String> targets) {
    this.process = process;
    this.targets = targets;
  }

  /** A six-outlet HS300 strip and a metering plug, on free 127.0.0.1 ports. */
  static KasaSimulator start(Path dir) throws IOException {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.powermon.kasa.sim.KasaSimulatorMain",
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--profile",
                "hs300",
                "--profile",
                "plug-new")
            .redirectError(dir.resolve("kasa-sim.log").toFile())
            .start();
    // It prints "device <profile> <host:port> <device_id>" per device, then "ready".
    List<String> targets = new ArrayList<>();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (int i = 0; i < MAX_LINES; i++) {
      String line = out.readLine();
      if (line == null || line.equals("ready")) {
        break;
      }
      String[] fields = line.split(" ");
      if (fields.length >= 3 && fields[0].equals("device")) {
        targets.add(fields[2]);
      }
    }
    if (targets.size() != 2) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "Kasa simulator did not start two devices; see " + dir.resolve("kasa-sim.log"));
    }
    return new KasaSimulator(process, List.copyOf(targets));
  }

  /** host:port of every simulated device. */
  List<String> targets() {
    return targets;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.getOutputStream().close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
