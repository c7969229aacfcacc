package dev.powermon.exporter.meta;

/**
 * What the meta-metrics need of one collector's collection. The runner's result implements it, so
 * the meta-metrics depend on no part of the runtime that depends on them.
 */
public interface CollectorOutcome {
  String collector();

  boolean success();

  double durationSeconds();
}
