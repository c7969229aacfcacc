package dev.powermon.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where the files under test live, found from the module's working directory. */
final class Repo {
  private Repo() {}

  /** The checkout's root: the first ancestor holding both pom.xml and monitoring/. */
  static Path root() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isDirectory(dir.resolve("monitoring"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no checkout root with monitoring/ above " + start);
  }

  static Path monitoring() {
    return root().resolve("monitoring");
  }

  static Path prometheus() {
    return monitoring().resolve("prometheus");
  }

  static Path dashboards() {
    return monitoring().resolve("grafana/dashboards");
  }

  static Path packaging() {
    return root().resolve("packaging");
  }

  /** Regular files under {@code dir} whose name ends with one of {@code suffixes}, sorted. */
  static List<Path> files(Path dir, String... suffixes) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
