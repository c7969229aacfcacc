package dev.powermon.exporter.fleet;

import dev.powermon.api.CollectorProvider;
import dev.powermon.exporter.config.ConfigException;
import dev.powermon.exporter.config.ConfigLoader;
import dev.powermon.exporter.config.FileConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Checks a device's YAML with the exporter's own {@link ConfigLoader}, so the server accepts
 * exactly what an exporter of this build would load. Errors are located as {@code
 * <device>:line:column: problem}.
 */
public final class ConfigValidator {
  private final ConfigLoader loader;

  public ConfigValidator(Map<String, CollectorProvider> providers) {
    this.loader = new ConfigLoader(providers);
  }

  /**
   * @return what the YAML says
   * @throws ConfigException with the message an operator needs, naming the device instead of a temp
   *     file
   */
  public FileConfig check(DeviceId id, byte[] yaml) throws ConfigException, IOException {
    // The loader reads files (its limits and marks are the file's); a private temp file keeps one
    // path.
    Path temp = Files.createTempFile("powermon-config-", ".yaml");
    try {
      Files.write(temp, yaml);
      return loader.load(temp);
    } catch (ConfigException e) {
      throw new ConfigException(e.getMessage().replace(temp.toString(), id.value()));
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
