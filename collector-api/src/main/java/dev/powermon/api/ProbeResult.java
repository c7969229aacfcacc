package dev.powermon.api;

import java.util.Objects;

/** Whether a collector can run here; when not, a reason an operator can act on. */
public final class ProbeResult {
  private final boolean available;
  private final String detail;

  private ProbeResult(boolean available, String detail) {
    this.available = available;
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  /** The collector can run; {@code detail} says what it found ("4 RAPL zones"). */
  public static ProbeResult available(String detail) {
    return new ProbeResult(true, detail);
  }

  /** The collector cannot run; {@code reason} says why and what to do about it. */
  public static ProbeResult unavailable(String reason) {
    return new ProbeResult(false, reason);
  }

  public boolean isAvailable() {
    return available;
  }

  /** What was found when available, the reason when not. */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return (available ? "available: " : "unavailable: ") + detail;
  }
}
