package dev.powermon.macos;

import java.util.Optional;

/** Where the Mac's power samples come from: IOReport (no root) or powermetrics (root). */
interface SampleSource extends AutoCloseable {

  /**
   * {@code ioreport} or {@code powermetrics}: the {@code source} label of {@code
   * macos_source_info}.
   */
  String name();

  /** Starts sampling in the background into {@code samples}; returns at once. */
  void start(SampleLog samples);

  /** Why samples are not arriving, in words for the operator; empty while healthy. */
  Optional<String> problem();

  /** Stops sampling and ends child processes. Never throws. */
  @Override
  void close();
}
