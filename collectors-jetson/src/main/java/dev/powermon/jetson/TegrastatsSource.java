package dev.powermon.jetson;

/**
 * Where tegrastats lines come from: the running program ({@link TegrastatsProcess}). It hands each
 * line to a {@link Listener} on its own thread until closed.
 */
interface TegrastatsSource extends AutoCloseable {
  /** Why a line was not used. */
  enum Drop {
    /** Beyond two lines per interval: the child floods. */
    RATE,
    /** Longer than {@link TegrastatsParser#MAX_LINE_CHARS}; cut and skipped. */
    TOO_LONG,
    /** Ended by the process dying mid-line. */
    CUT_SHORT,
    /** Neither a RAM nor a CPU group: garbage or a fragment. */
    UNPARSABLE
  }

  /** Receives what tegrastats prints. Called on the source's thread only. */
  interface Listener {
    /** A complete line within the rate; returns whether it was a good tegrastats line. */
    boolean line(String text);

    /** A line that was read but not parsed. */
    void dropped(Drop reason);
  }

  /** Starts delivering lines to {@code listener}. */
  void start(Listener listener);

  /** Whether the program is running now. */
  boolean running();

  /** How many times it was started again after it exited. */
  long restarts();

  /** Stops the program and the thread; bounded wait. Never throws. */
  @Override
  void close();
}
