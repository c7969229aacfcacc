package dev.powermon.exporter.push;

import java.io.IOException;
import java.util.List;

/** Sends one batch to one receiver; remote-write and InfluxDB differ only here. */
interface Sender {

  /** The receiver's answer: its status and the first line of its body (for the log). */
  record Response(int status, String firstLine) {}

  /**
   * @throws IOException when no answer came (refused, timed out, unreadable credentials)
   */
  Response send(List<Sample> batch) throws IOException, InterruptedException;
}
