package dev.powermon.tasmota;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Debian's real mosquitto broker on a free loopback port, anonymous, nothing persisted. */
public final class Mosquitto implements AutoCloseable {
  private final Process process;
  private final int port;

  public Mosquitto(Path dir) throws IOException, InterruptedException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(
        conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
    process =
        new ProcessBuilder("/usr/sbin/mosquitto", "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto.log").toFile())
            .start();
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException e) {
        if (System.nanoTime() > end || !process.isAlive()) {
          throw new IllegalStateException("mosquitto did not listen on " + port);
        }
        Thread.sleep(20);
      }
    }
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}
