package dev.powermon.exporter.fleet;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Where the config server keeps one YAML per device: a directory or etcd. */
public interface ConfigStore extends AutoCloseable {
  Optional<StoredConfig> get(DeviceId id) throws IOException;

  /**
   * Stores {@code yaml} as {@code id}'s config when {@code ifMatch} is null or equals the tag of
   * what the device is served now (its own config, else the default's).
   *
   * @throws PreconditionFailed when {@code ifMatch} names another version
   */
  StoredConfig put(DeviceId id, byte[] yaml, String ifMatch) throws IOException, PreconditionFailed;

  /** Every device with a config of its own (the default included), without their YAML. */
  List<StoredConfig> list() throws IOException;

  @Override
  default void close() {}

  /**
   * Whether an {@code If-Match}/{@code If-None-Match} header (a list of tags, or {@code *}) names
   * {@code etag}.
   */
  static boolean tagMatches(String header, String etag) {
    if (header == null || etag == null) {
      return false;
    }
    for (String t : header.split(",")) {
      String tag = t.trim();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals("*") || tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  /** The version a writer based its change on is no longer the current one. */
  final class PreconditionFailed extends Exception {
    private final String current;

    public PreconditionFailed(String current) {
      super("changed since: now " + current, null, false, false);
      this.current = current;
    }

    /** The current tag, or null when the device has no config. */
    public String current() {
      return current;
    }
  }
}
