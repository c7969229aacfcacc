package dev.powermon.exporter.fleet;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The embedded store: {@code DIR/<id>.yaml} per device, the version it replaced in {@code
 * <id>.yaml.prev}. Writes go to a dot-file in the same directory, are forced to disk, then renamed
 * over the old one, so a reader sees the old or the new file whole, never neither. The tag is a
 * hash of the content, so it survives a restart. One lock orders writers; compare and write happen
 * under it.
 */
public final class DirectoryStore implements ConfigStore {
  private static final String SUFFIX = ".yaml";
  private static final String PREVIOUS = ".prev";

  private final Path dir;
  private final Object writeLock = new Object();

  public DirectoryStore(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
  }

  @Override
  public Optional<StoredConfig> get(DeviceId id) throws IOException {
    Path file = file(id);
    try {
      byte[] yaml = Files.readAllBytes(file);
      return Optional.of(
          new StoredConfig(id, yaml, tag(yaml), Files.getLastModifiedTime(file).toInstant()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public StoredConfig put(DeviceId id, byte[] yaml, String ifMatch)
      throws IOException, PreconditionFailed {
    synchronized (writeLock) {
      Optional<StoredConfig> own = get(id);
      if (ifMatch != null) {
        Optional<StoredConfig> base = own.isPresent() ? own : get(DeviceId.DEFAULT);
        String current = base.map(StoredConfig::etag).orElse(null);
        if (!ConfigStore.tagMatches(ifMatch, current)) {
          throw new PreconditionFailed(current);
        }
      }
      Path file = file(id);
      if (own.isPresent()) {
        replace(Files.readAllBytes(file), file.resolveSibling(file.getFileName() + PREVIOUS));
      }
      replace(yaml, file);
      return new StoredConfig(id, yaml, tag(yaml), Files.getLastModifiedTime(file).toInstant());
    }
  }

  @Override
  public List<StoredConfig> list() throws IOException {
    List<StoredConfig> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        String id = name.substring(0, name.length() - SUFFIX.length());
        if (DeviceId.isValid(id)) {
          get(new DeviceId(id))
              .ifPresent(c -> out.add(new StoredConfig(c.id(), null, c.etag(), c.lastChange())));
        }
      }
    }
    out.sort((a, b) -> a.id().value().compareTo(b.id().value()));
    return out;
  }

  private Path file(DeviceId id) {
    return dir.resolve(id.value() + SUFFIX);
  }

  private static void replace(byte[] content, Path target) throws IOException {
    AtomicFiles.write(target, content);
  }

  /** A strong tag from the content: the same YAML has the same tag, across restarts. */
  static String tag(byte[] yaml) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(yaml);
      return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
