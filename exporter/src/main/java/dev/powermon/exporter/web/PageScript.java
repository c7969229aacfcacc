package dev.powermon.exporter.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The landing page's inline script ({@code page.js} beside this class), read once. */
final class PageScript {
  static final String TEXT = load();

  private PageScript() {}

  private static String load() {
    try (InputStream in = PageScript.class.getResourceAsStream("page.js")) {
      if (in == null) {
        throw new IllegalStateException("page.js is missing from the JAR");
      }
      // "</script" inside the script would end it early; page.js has none, and this keeps it so.
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</", "<\\/");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
