package dev.powermon.exporter.cli;

import dev.powermon.api.CollectorProvider;
import dev.powermon.exporter.logging.Logging;
import dev.powermon.exporter.setup.CommonOptions;
import dev.powermon.exporter.setup.OperatorError;
import dev.powermon.exporter.setup.Setup;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command shares: the common options, the generated collector flags, and reading them. */
abstract class ProviderCommand {
  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  final Map<String, CollectorProvider> providers;
  final CollectorFlags flags;

  ProviderCommand(Map<String, CollectorProvider> providers, CollectorFlags flags) {
    this.providers = providers;
    this.flags = flags;
  }

  /** The command line and config file resolved, with logging configured from them. */
  Setup setup() {
    Setup setup = Setup.load(providers, flags.read(spec.commandLine().getParseResult(), options));
    try {
      Logging.configure(setup.logLevel(), setup.logFormat());
    } catch (IllegalArgumentException e) {
      throw new OperatorError(e.getMessage());
    }
    return setup;
  }
}
