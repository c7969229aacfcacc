package dev.powermon.rapl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** A read that did not return within its deadline (a FIFO, a hung network file system). */
final class StuckReadException extends IOException {
  private final Instant since;

  StuckReadException(Path file, Instant since) {
    super("the read of " + file.getFileName() + " has not returned since " + since);
    this.since = since;
  }

  Instant since() {
    return since;
  }
}
