package dev.powermon.kasa;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.powermon.net.Deadline;
import dev.powermon.net.HostPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Polls one device, in the command set it speaks (legacy, or SMART over KLAP: asked once), over one
 * connection at a time (plugs serve a single connection), closing it at the end of the poll:
 * devices drop idle sockets, and a fresh connection per poll never meets a stale one. Each request
 * has its own overall {@code timeout}, and the whole poll twice that.
 */
final class DeviceSession {
  /**
   * A whole poll may take this many timeouts: a strip sends up to 18 requests, and one that answers
   * each just in time must not stretch every poll cycle (cycles do not overlap) to many timeouts.
   */
  static final int POLL_BUDGET_IN_TIMEOUTS = 2;

  private final HostPort target;
  private final Duration timeout;
  private final KasaSource source;
  private final ReentrantLock lock = new ReentrantLock();
  private InetSocketAddress address;
  private Boolean smart; // the device's command set, once known; null until the first poll asks
  private final SysinfoRiders riders = new SysinfoRiders();

  DeviceSession(HostPort target, Duration timeout, KasaSource source) {
    this.target = target;
    this.timeout = timeout;
    this.source = source;
  }

  HostPort target() {
    return target;
  }

  /** How the device is reached, as its source last found. */
  String transport() {
    return source.transport();
  }

  /** The address this session polls, resolved on first use. */
  synchronized InetSocketAddress address() throws IOException {
    if (address == null) {
      address = target.resolve();
    }
    return address;
  }

  private synchronized void forgetAddress() {
    address = null;
  }

  DeviceReading poll() throws IOException, InterruptedException {
    if (!lock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new BusyException(
          "still busy with an earlier poll after " + timeout.toMillis() + " ms");
    }
    Duration budget = timeout.multipliedBy(POLL_BUDGET_IN_TIMEOUTS);
    Deadline wholePoll =
        Deadline.after(budget, "poll not done within " + budget.toMillis() + " ms");
    try (KasaSource.Channel channel = source.open(address(), timeout, wholePoll)) {
      ObjectNode smartFirst = null; // a SMART device's reply to the first request, if asked
      if (smart == null) {
        Boolean known = source.speaksSmart();
        if (known == null) {
          smartFirst = SmartPoll.firstReplyIfSmart(channel);
          known = smartFirst != null;
        }
        smart = known;
      }
      return smart ? SmartPoll.run(channel, smartFirst) : DevicePoll.run(channel, riders);
    } catch (KasaProtocolException e) {
      smart = null; // perhaps another device now answers at this address: ask again
      riders.forget();
      forgetAddress();
      throw e;
    } catch (IOException e) {
      riders.forget();
      forgetAddress(); // a host name is looked up again next time, in case DHCP moved the device
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /** Another poll of the device holds the session; it keeps and reports its own outcome. */
  static final class BusyException extends IOException {
    BusyException(String message) {
      super(message);
    }
  }
}
