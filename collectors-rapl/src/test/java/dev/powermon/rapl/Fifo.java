package dev.powermon.rapl;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A FIFO in place of a sysfs file: opening it for reading blocks until a writer comes, as a hung
 * file system would. {@link #release()} comes as that writer, so a test leaves no thread stuck.
 */
final class Fifo {
  private final Path path;

  private Fifo(Path path) {
    this.path = path;
  }

  /** Replaces {@code file} with a FIFO. */
  static Fifo replace(Path file) throws IOException, InterruptedException {
    Files.deleteIfExists(file);
    Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
    if (!mkfifo.waitFor(30, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
      throw new IOException("mkfifo " + file + " failed");
    }
    return new Fifo(file);
  }

  /** Opens the FIFO for writing, which lets a blocked reader through, then closes it. */
  void release() throws InterruptedException {
    Thread writer =
        new Thread(
            () -> {
              try (FileOutputStream out = new FileOutputStream(path.toFile())) {
                out.write('1');
              } catch (IOException e) {
                // nobody was waiting: nothing to release
              }
            },
            "fifo-writer");
    writer.setDaemon(true); // with no reader left it would wait for one for ever
    writer.start();
    writer.join(5_000);
  }
}
