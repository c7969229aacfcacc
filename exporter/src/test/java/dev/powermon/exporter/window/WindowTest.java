package dev.powermon.exporter.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WindowTest {
  private static final double NONE = Double.NaN;

  @Test
  void meanIsEnergyOverTheWindowAndExtremesArePerStep() {
    Window w = new Window();
    assertThat(w.add(1_000, NONE, 100.0).watts()).isNaN(); // first reading: no step yet
    assertThat(w.add(1_100, NONE, 101.0).watts()).isEqualTo(10.0); // 1 J in 100 ms
    assertThat(w.add(1_200, NONE, 201.0).watts()).isEqualTo(1000.0); // the spike: 100 J in 100 ms
    assertThat(w.add(2_000, NONE, 209.0).watts()).isEqualTo(10.0); // 8 J in 800 ms

    // mean = (209 - 100) J / (2.000 - 1.000) s = 109 W; the counter is the last reading
    assertThat(w.stats()).isEqualTo(new Window.Stats(109.0, 1000.0, 10.0, 209.0));
    assertThat(w.stats())
        .isEqualTo(new Window.Stats(109.0, 1000.0, 10.0, 209.0)); // reading changes nothing
  }

  @Test
  void theWindowIsTheLastTenSecondsEndingAtTheLatestReading() {
    Window w = new Window();
    w.add(0, NONE, 0); //       anchor until a reading is 10 s past 1.000
    w.add(1_000, NONE, 100); // 100 W
    w.add(2_000, NONE, 110); //  10 W
    w.add(
        11_000, NONE, 200); // 90 J in 9 s: 10 W; 11.000 - 10 s = 1.000, so the window starts there

    // (200 - 100) J / (11.000 - 1.000) s = 10 W; the 100 W step (0 to 1.000) is before the mean's
    // window
    // but within the last 60 s, where the extremes look
    assertThat(w.stats()).isEqualTo(new Window.Stats(10.0, 100.0, 10.0, 200.0));
  }

  @Test
  void theExtremesCoverTheLastSixtySecondsToTheSecond() {
    Window w = new Window();
    w.add(0, NONE, 0);
    w.add(100, NONE, 100); //        1000 W in second 0: the spike
    w.add(1_000, NONE, 109); //        10 W in second 1
    w.add(59_000, NONE, 689); //       10 W in second 59: second 0 is still among the last 60
    assertThat(w.stats().maxWatts()).isEqualTo(1000.0);

    w.add(60_000, NONE, 699); //       10 W in second 60: second 0 has left
    assertThat(w.stats().maxWatts()).isEqualTo(10.0);
    assertThat(w.stats().minWatts()).isEqualTo(10.0);
  }

  @Test
  void aRepeatedOrOlderReadingIsIgnoredAndACounterResetNeverGoesBackwards() {
    Window w = new Window();
    w.add(0, NONE, 10);
    w.add(1_000, NONE, 20);

    assertThat(w.add(1_000, NONE, 25)).isNull();
    assertThat(w.add(900, NONE, 30)).isNull();
    // backwards: the device restarted from 0 and counted 5 J since; the counter goes on from 20
    Window.Accepted reset = w.add(2_000, NONE, 5);
    assertThat(reset.energyJoules()).isEqualTo(25.0);
    assertThat(reset.watts()).isEqualTo(5.0);
    assertThat(w.stats().energyJoules()).isEqualTo(25.0);
  }

  @Test
  void wattReadingsIntegrateByTrapezoidAndBothKindsKeepTheDeviceCounter() {
    Window watts = new Window();
    watts.add(0, 10, NONE);
    watts.add(2_000, 30, NONE); // (10 + 30) / 2 x 2 s = 40 J
    watts.add(3_000, 20, NONE); // (30 + 20) / 2 x 1 s = 25 J

    Window.Stats s = watts.stats();
    assertThat(s.energyJoules()).isEqualTo(65.0);
    assertThat(s.meanWatts()).isCloseTo(65.0 / 3, within(1e-12));
    assertThat(s.maxWatts()).isEqualTo(30.0);
    assertThat(s.minWatts())
        .isEqualTo(10.0); // watt readings are their own extremes, the first included

    Window both = new Window();
    both.add(0, 10, 1_000);
    both.add(2_000, 30, 1_036); // the device's own counter says 36 J; power integrates to 40 J

    assertThat(both.stats()).isEqualTo(new Window.Stats(20.0, 30.0, 10.0, 1_036.0));
  }

  @Test
  void aSingleWattReadingIsServedAsItIs() {
    Window w = new Window();
    w.add(5_000, 42, NONE);

    assertThat(w.stats()).isEqualTo(new Window.Stats(42.0, 42.0, 42.0, 0.0));
  }
}
