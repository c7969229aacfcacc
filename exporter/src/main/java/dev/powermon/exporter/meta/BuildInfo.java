package dev.powermon.exporter.meta;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Version and revision stamped into the JAR at build time ({@code powermon-build.properties}). */
public record BuildInfo(String version, String revision, String javaVersion) {

  public static BuildInfo load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/powermon-build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // an unreadable resource means an odd build; "unknown" says so
    }
    return new BuildInfo(
        stamped(p.getProperty("version")),
        stamped(p.getProperty("revision")),
        System.getProperty("java.version"));
  }

  /** A property Maven did not fill in (run from an IDE, or no git) reads "unknown". */
  private static String stamped(String value) {
    return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
  }
}
