package dev.powermon.kasa.sim;

/**
 * How a simulated device misbehaves on TCP. UDP discovery answers normally unless it never answers.
 */
public enum Fault {
  /** Answers like the profile says. */
  NONE,
  /** Accepts the connection, reads the request, never replies. */
  NEVER_ANSWERS,
  /**
   * Sends a correct reply one byte at a time, slowly enough to take far longer than any timeout.
   */
  DRIP,
  /** Sends each correct reply in one piece, but only after waiting the drip delay. */
  SLOW,
  /** Declares a reply of 0xFFFFFFF0 bytes, then sends a few. */
  HUGE_LENGTH,
  /** Declares a reply of 0 bytes. */
  ZERO_LENGTH,
  /** A well-framed reply whose payload is random bytes, not XOR-obfuscated JSON. */
  GARBAGE,
  /** A well-framed reply holding truncated JSON. */
  INVALID_JSON,
  /** A well-framed JSON reply whose numbers are text ("relay_state":"on", "power_mw":"lots"). */
  WRONG_TYPES,
  /** Declares the full length, sends half of the payload, closes. */
  CLOSE_MID_FRAME
}
