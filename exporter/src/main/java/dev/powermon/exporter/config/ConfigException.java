package dev.powermon.exporter.config;

/**
 * A config file that cannot be used; the message starts with {@code file:line:column:} where known.
 */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
