package dev.powermon.exporter.cli;

import dev.powermon.exporter.runtime.Providers;

/** {@code java -jar powermon.jar}: the only place that calls System.exit. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Cli.commandLine(Providers.discover()).execute(args));
  }
}
