package dev.powermon.exporter.web;

import dev.powermon.exporter.runtime.Collected;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The telemetry path's answers, encoded once per collection and format: every scrape served one
 * collection in one format is sent the same bytes. Encoding writes with client_java's writer into
 * one reused buffer and copies the result into an array of its own, which is never written again,
 * so a body is complete before any scraper sees it. Reading a cached body takes no lock.
 */
final class EncodedBodies {
  /** One way to encode a collection: writer (text, OpenMetrics, protobuf), name escaping, gzip. */
  record Format(ExpositionFormatWriter writer, EscapingScheme escaping, boolean gzip) {}

  /** The bodies encoded so far for the collection numbered {@code sequence}. */
  private record Cached(long sequence, Map<Format, byte[]> bodies) {}

  private final Object encoding = new Object();

  /** Guarded by {@link #encoding}; grows to the largest body and is kept. */
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);

  private volatile Cached current = new Cached(Long.MIN_VALUE, Map.of());

  /**
   * The collection before {@link #current}: scrapes served it while the current one was collected
   * may still ask for it.
   */
  private volatile Cached previous = current;

  /** {@code collected} in {@code format}; the caller must not write to the array. */
  byte[] body(Collected collected, Format format) throws IOException {
    byte[] ready = encoded(collected, format);
    if (ready != null) {
      return ready;
    }
    synchronized (encoding) {
      Cached cached = current;
      if (cached.sequence() != collected.sequence()) {
        if (collected.sequence() == previous.sequence()) {
          cached = previous;
        } else if (collected.sequence() < cached.sequence()) {
          // Older than both kept (a scrape that waited long): its own copy.
          return encode(collected.snapshots(), format);
        } else {
          previous = cached;
          cached = new Cached(collected.sequence(), new ConcurrentHashMap<>());
          current = cached;
        }
      }
      byte[] body = cached.bodies().get(format);
      if (body == null) {
        body = encode(collected.snapshots(), format);
        cached.bodies().put(format, body);
      }
      return body;
    }
  }

  /** {@code collected} in {@code format} if it is encoded already, else null; takes no lock. */
  byte[] encoded(Collected collected, Format format) {
    Cached cached = current;
    if (cached.sequence() != collected.sequence()) {
      cached = previous;
    }
    return cached.sequence() == collected.sequence() ? cached.bodies().get(format) : null;
  }

  /** Encodes into the reused buffer; the caller holds {@link #encoding}. */
  private byte[] encode(MetricSnapshots snapshots, Format format) throws IOException {
    buffer.reset();
    if (format.gzip()) {
      try (GZIPOutputStream gzip = new GZIPOutputStream(buffer, 8192)) {
        format.writer().write(gzip, snapshots, format.escaping());
      }
    } else {
      format.writer().write(buffer, snapshots, format.escaping());
    }
    return buffer.toByteArray();
  }
}
