package dev.powermon.kasa.sim;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;

/** One TCP connection to a simulated device: requests answered in turn until the client closes. */
final class TcpConversation {
  private final SimulatedDevice device;
  private final Socket socket;

  TcpConversation(SimulatedDevice device, Socket socket) {
    this.device = device;
    this.socket = socket;
  }

  void run() throws IOException {
    DataInputStream in = new DataInputStream(socket.getInputStream());
    OutputStream out = socket.getOutputStream();
    while (true) {
      byte[] request;
      try {
        request = SimulatedDevice.readRequest(in);
      } catch (EOFException e) {
        return; // the client closed the connection
      }
      byte[] reply = device.replyTo(request, true);
      if (!answer(device.currentFault(), reply, in, out)) {
        return;
      }
    }
  }

  /** Sends the reply the fault calls for; false when the connection is over. */
  private boolean answer(Fault fault, byte[] reply, InputStream in, OutputStream out)
      throws IOException {
    byte[] frame = WireFormat.frame(reply);
    switch (fault) {
      case NEVER_ANSWERS:
        drain(in);
        return false;
      case DRIP:
        for (byte b : frame) {
          SimulatedDevice.send(out, new byte[] {b});
          sleep(device.drip());
        }
        return true;
      case SLOW:
        sleep(device.drip());
        SimulatedDevice.send(out, frame);
        return true;
      case HUGE_LENGTH:
        SimulatedDevice.send(out, WireFormat.header(0xFFFF_FFF0L));
        SimulatedDevice.send(out, FaultyReplies.garbage(16, 1));
        drain(in);
        return false;
      case ZERO_LENGTH:
        SimulatedDevice.send(out, WireFormat.header(0));
        drain(in);
        return false;
      case GARBAGE:
        SimulatedDevice.send(out, WireFormat.header(200));
        SimulatedDevice.send(out, FaultyReplies.garbage(200, 2));
        return true;
      case INVALID_JSON:
        SimulatedDevice.send(out, WireFormat.frame(FaultyReplies.truncatedJson(reply)));
        return true;
      case CLOSE_MID_FRAME:
        SimulatedDevice.send(out, Arrays.copyOf(frame, 4 + reply.length / 2));
        return false;
      default:
        SimulatedDevice.send(out, frame);
        return true;
    }
  }

  /** Holds the connection open, reading and discarding, until the client gives up. */
  private static void drain(InputStream in) throws IOException {
    byte[] sink = new byte[1024];
    while (in.read(sink) >= 0) {
      // discard
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
