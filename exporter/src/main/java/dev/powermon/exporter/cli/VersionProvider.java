package dev.powermon.exporter.cli;

import dev.powermon.exporter.meta.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code powermon --version}, in the shape of Prometheus components' version output. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    BuildInfo b = BuildInfo.load();
    return new String[] {
      "powermon, version " + b.version() + " (revision: " + b.revision() + ")",
      "  java version:     " + b.javaVersion() + " (" + System.getProperty("java.vm.name") + ")",
      "  platform:         " + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
    };
  }
}
