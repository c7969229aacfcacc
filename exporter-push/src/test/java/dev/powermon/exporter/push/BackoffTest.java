package dev.powermon.exporter.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

  @Test
  void doublesPerFailureBetweenHalfAndAllOfTheStep() {
    // step after n failures: 100, 200, 400, 800, 1600, then capped at 2000 ms
    assertThat(backoff.delay(1, () -> 0.0)).isEqualTo(Duration.ofMillis(50));
    assertThat(backoff.delay(1, () -> 0.999))
        .isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
    assertThat(backoff.delay(3, () -> 0.0)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.delay(5, () -> 0.5)).isEqualTo(Duration.ofMillis(800 + 400));
  }

  @Test
  void neverExceedsTheMaximumEvenAfterManyFailures() {
    assertThat(backoff.delay(6, () -> 0.999))
        .isBetween(Duration.ofMillis(1998), Duration.ofSeconds(2));
    assertThat(backoff.delay(1_000_000, () -> 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delay(1_000_000, () -> 0.0)).isEqualTo(Duration.ofSeconds(1));
  }
}
