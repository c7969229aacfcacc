package dev.powermon.kasa.sim;

/**
 * How a simulated KLAP device misbehaves. A wrong password is a device bound to another account.
 */
public enum KlapFault {
  /** Answers like the profile says. */
  NONE,
  /** Forgets the session after every {@code forgetAfter} requests and answers that request 403. */
  FORBIDDEN_MID_SESSION,
  /** Announces a short session lifetime and answers 403 once it has passed. */
  EXPIRED_SESSION,
  /** Answers handshake 1, then never answers handshake 2. */
  NO_HANDSHAKE2,
  /** Replies with one bit of the signature flipped. */
  GARBLED_SIGNATURE,
  /** Replies with a body far larger than any reply (1 MiB). */
  OVERSIZED_BODY
}
