package dev.powermon.exporter.runtime;

import dev.powermon.api.CollectorProvider;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the collector modules in the JAR through ServiceLoader, the only link between core and
 * collectors.
 */
public final class Providers {
  private static final Logger LOG = LoggerFactory.getLogger(Providers.class);
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*");

  private Providers() {}

  /**
   * Every provider on the class path, by name. A provider that fails to load is logged and left
   * out.
   */
  public static Map<String, CollectorProvider> discover() {
    Map<String, CollectorProvider> byName = new TreeMap<>();
    ServiceLoader<CollectorProvider> loader =
        ServiceLoader.load(CollectorProvider.class, CollectorProvider.class.getClassLoader());
    for (ServiceLoader.Provider<CollectorProvider> candidate : loader.stream().toList()) {
      CollectorProvider provider;
      try {
        provider = candidate.get();
      } catch (ServiceConfigurationError | RuntimeException e) {
        LOG.error(
            "collector module {} failed to load and is left out: {}",
            candidate.type().getName(),
            e.toString());
        continue;
      }
      String name = provider.name();
      if (!NAME.matcher(name).matches()) {
        LOG.error(
            "collector {} has an illegal name '{}' (expected {}); left out",
            provider.getClass().getName(),
            name,
            NAME);
      } else if (byName.putIfAbsent(name, provider) != null) {
        LOG.error(
            "two collector modules are named '{}': {} and {}; keeping the first",
            name,
            byName.get(name).getClass().getName(),
            provider.getClass().getName());
      }
    }
    return byName;
  }
}
