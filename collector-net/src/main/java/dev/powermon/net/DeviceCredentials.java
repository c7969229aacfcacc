package dev.powermon.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

/**
 * A device's user and password, from a YAML file ({@code username: …}, {@code password: …}) that
 * only its owner may read. Never from flags: argv is visible to every user of the machine.
 */
public record DeviceCredentials(String username, String password) {
  /**
   * A credentials file is two short lines; anything larger is a mistake, and reading it is refused.
   */
  public static final int MAX_BYTES = 4096;

  /** Never shows the password, whoever prints the record. */
  @Override
  public String toString() {
    return "DeviceCredentials[username=" + username + ", password=(hidden)]";
  }

  /**
   * Reads {@code file}; every failure is one line naming the setting, the file and the fix, never
   * the contents.
   *
   * @param setting the setting that named the file, {@code collectors.NAME.credentials-file}
   * @throws IllegalArgumentException for a missing, unreadable, too open, oversized or malformed
   *     file
   */
  public static DeviceCredentials read(String setting, Path file) {
    String where = setting + " '" + file + "'";
    try {
      refuseOpenPermissions(file, where);
      if (Files.size(file) > MAX_BYTES) {
        throw new IllegalArgumentException(
            where
                + ": larger than "
                + MAX_BYTES
                + " bytes; it should hold only username and password");
      }
      Object doc =
          BoundedYaml.parser(MAX_BYTES).load(Files.readString(file, StandardCharsets.UTF_8));
      if (!(doc instanceof Map<?, ?> map) || !Set.of("username", "password").equals(map.keySet())) {
        throw new IllegalArgumentException(
            where + ": expected exactly the keys username and password");
      }
      if (!(map.get("username") instanceof String user)
          || !(map.get("password") instanceof String password)
          || user.isBlank()
          || password.isEmpty()) {
        throw new IllegalArgumentException(
            where + ": username and password must be non-empty strings (quote them)");
      }
      if (user.contains("\n") || password.contains("\n")) {
        throw new IllegalArgumentException(where + ": username and password must be single lines");
      }
      return new DeviceCredentials(user, password);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          where + ": cannot read it (" + e.getClass().getSimpleName() + ")");
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      // The parser's message may quote the file, and the file holds a password: say only where.
      throw new IllegalArgumentException(where + ": not valid YAML");
    }
  }

  private static void refuseOpenPermissions(Path file, String where) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return; // not a POSIX file system: the platform's ACLs are the operator's to set
    }
    Set<PosixFilePermission> perms = view.readAttributes().permissions();
    if (perms.contains(PosixFilePermission.GROUP_READ)
        || perms.contains(PosixFilePermission.OTHERS_READ)) {
      throw new IllegalArgumentException(
          where + ": readable by group or others; run chmod 600 on it");
    }
  }
}
