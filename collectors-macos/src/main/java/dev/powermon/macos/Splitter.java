package dev.powermon.macos;

/** Cuts powermetrics' output stream into samples, bounded in size. */
interface Splitter {
  /** Receives what a splitter finds. */
  interface Sink {
    void document(byte[] document);

    /** A sample exceeded the size bound and was dropped. */
    void oversized();

    /** The stream ended inside a sample. */
    void truncated();
  }

  void feed(byte[] buffer, int length, Sink sink);

  /** At the end of the stream. */
  void finish(Sink sink);
}
