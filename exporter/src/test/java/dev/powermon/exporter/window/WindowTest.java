package dev.powermon.exporter.window;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowTest {

  @Test
  void meanIsEnergyOverTheWindowAndExtremesArePerStep() {
    Window w = new Window();
    assertThat(w.add(1_000, 100.0)).isNaN(); // first reading: the window starts here
    assertThat(w.add(1_100, 101.0)).isEqualTo(10.0); // 1 J in 100 ms
    assertThat(w.add(1_200, 201.0)).isEqualTo(1000.0); // the spike: 100 J in 100 ms
    assertThat(w.add(2_000, 209.0)).isEqualTo(10.0); // 8 J in 800 ms

    // mean = (209 - 100) J / (2.000 - 1.000) s = 109 W
    assertThat(w.stats(true)).isEqualTo(new Window.Stats(109.0, 1000.0, 10.0));
  }

  @Test
  void theNextWindowStartsAtTheLastReadingOfThePrevious() {
    Window w = new Window();
    w.add(0, 0);
    w.add(1_000, 50);
    w.stats(true);
    assertThat(w.stats(false)).isNull(); // nothing new since

    w.add(1_500, 60); // 10 J in 0.5 s

    assertThat(w.stats(false)).isEqualTo(new Window.Stats(20.0, 20.0, 20.0));
    assertThat(w.stats(false)).isEqualTo(new Window.Stats(20.0, 20.0, 20.0)); // looking does not restart
  }

  @Test
  void aRepeatedOrOlderReadingIsIgnoredAndACounterResetRestarts() {
    Window w = new Window();
    w.add(0, 10);
    w.add(1_000, 20);

    assertThat(w.add(1_000, 25)).isNull();
    assertThat(w.add(900, 30)).isNull();
    assertThat(w.add(2_000, 5)).isNaN(); // backwards: a reset, no negative power
    assertThat(w.stats(false)).isNull();
    assertThat(w.add(3_000, 7)).isEqualTo(2.0);
  }
}
