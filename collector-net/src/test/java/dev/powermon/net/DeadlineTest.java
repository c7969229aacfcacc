package dev.powermon.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {
  @Test
  void aSpentBudgetThrowsItsOwnMessage() {
    Deadline spent = Deadline.after(Duration.ZERO, "poll not done within 0 ms");
    assertThatThrownBy(spent::remainingMillis)
        .isInstanceOf(SocketTimeoutException.class)
        .hasMessage("poll not done within 0 ms");
  }

  @Test
  void remainingIsNeverZeroWhileTimeIsLeftAndTheEarliestWins() throws Exception {
    Deadline hour = Deadline.after(Duration.ofHours(1), "hour");
    Deadline spent = Deadline.after(Duration.ofNanos(-1), "spent");
    assertThat(hour.remainingMillis()).isBetween(1, 3_600_000);
    assertThat(hour.earliest(spent)).isSameAs(spent);
    assertThat(spent.earliest(hour)).isSameAs(spent);
  }
}
