package dev.powermon.exporter.cli;

import dev.powermon.api.CollectorProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --help} in groups (web, collectors, config, logging, push, general) instead of one long
 * list: the collectors one line each, their settings behind {@code powermon help collector NAME}.
 */
final class GroupedHelp implements CommandLine.IHelpSectionRenderer {
  private final Map<String, CollectorProvider> providers;

  GroupedHelp(Map<String, CollectorProvider> providers) {
    this.providers = providers;
  }

  /** Puts the grouped option list in place of picocli's on {@code cl}. */
  void install(CommandLine cl) {
    cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, this);
    CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
    spec.usageMessage()
        .optionListHeading("")
        .commandListHeading("%nCommands:%n")
        .customSynopsis(
            spec.qualifiedName()
                + " [OPTIONS]"
                + (cl.getSubcommands().isEmpty() ? "" : " [COMMAND]"));
  }

  @Override
  public String render(Help help) {
    Map<String, List<OptionSpec>> groups = new LinkedHashMap<>();
    for (String heading : List.of("Web", "Collectors", "Config", "Logging", "Push", "General")) {
      groups.put(heading, new ArrayList<>());
    }
    for (OptionSpec o : help.commandSpec().options()) {
      String group = group(o.longestName());
      if (group != null) {
        groups.get(group).add(o);
      }
    }
    StringBuilder out = new StringBuilder();
    groups.forEach(
        (heading, options) -> {
          boolean collectors = heading.equals("Collectors");
          if (options.isEmpty() && !collectors) {
            return;
          }
          out.append(String.format("%n%s:%n", heading));
          Help.Layout layout = help.createDefaultLayout();
          options.forEach(o -> layout.addOption(o, help.parameterLabelRenderer()));
          out.append(layout);
          if (collectors) {
            out.append(collectorLines(help));
          }
        });
    return out.toString();
  }

  /**
   * Which group an option belongs to; null for the per-collector flags, listed by {@code help
   * collector}.
   */
  static String group(String name) {
    if (name.equals("--collector") || name.equals("--collector.disable-defaults")) {
      return "Collectors";
    }
    if (name.startsWith("--collector.")) {
      return null;
    }
    if (name.startsWith("--web.")) {
      return "Web";
    }
    if (name.startsWith("--config.")) {
      return "Config";
    }
    if (name.startsWith("--log.")) {
      return "Logging";
    }
    if (name.startsWith("--push.")) {
      return "Push";
    }
    return "General";
  }

  private String collectorLines(Help help) {
    int width = help.commandSpec().usageMessage().width();
    Help.TextTable table =
        Help.TextTable.forColumns(
            help.colorScheme(),
            new Column(16, 2, Overflow.SPAN),
            new Column(width - 16, 1, Overflow.WRAP));
    for (CollectorProvider p : providers.values()) {
      table.addRowValues(
          p.name(), p.description() + (p.onlyWhenNamed() ? " Only when named." : ""));
    }
    return table + String.format("  Each collector's flags: powermon help collector NAME%n");
  }
}
