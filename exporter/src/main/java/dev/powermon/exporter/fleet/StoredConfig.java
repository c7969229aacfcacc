package dev.powermon.exporter.fleet;

import java.time.Instant;

/**
 * One device's config as the store holds it: the YAML as the operator wrote it, its entity tag
 * (quoted, as sent in {@code ETag}) and when it last changed.
 */
public record StoredConfig(DeviceId id, byte[] yaml, String etag, Instant lastChange) {}
