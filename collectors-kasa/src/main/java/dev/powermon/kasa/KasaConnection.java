package dev.powermon.kasa;

import dev.powermon.net.Deadline;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One TCP connection to a device, opened on first use and reused for the requests of a poll (a plug
 * serves one connection at a time). Any failure closes it, so the next exchange starts clean. Not
 * thread-safe: the owning {@link DeviceSession} serialises access.
 */
final class KasaConnection implements AutoCloseable {
  private final InetSocketAddress address;
  private Socket socket;

  KasaConnection(InetSocketAddress address) {
    this.address = address;
  }

  /** Sends {@code request} and returns the decrypted reply, all within {@code deadline}. */
  byte[] exchange(byte[] request, Deadline deadline) throws IOException {
    try {
      if (socket == null) {
        Socket s = new Socket();
        socket = s;
        s.setTcpNoDelay(true);
        try {
          s.connect(address, deadline.remainingMillis());
        } catch (SocketTimeoutException e) {
          throw deadline.expired();
        }
      }
      socket.getOutputStream().write(XorFrames.encode(request)); // one write: header and payload
      InputStream in = socket.getInputStream();
      int length = XorFrames.payloadLength(readFully(in, new byte[4], deadline));
      return XorCipher.decrypt(readFully(in, new byte[length], deadline));
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private byte[] readFully(InputStream in, byte[] buffer, Deadline deadline) throws IOException {
    int done = 0;
    while (done < buffer.length) {
      socket.setSoTimeout(deadline.remainingMillis());
      int n;
      try {
        n = in.read(buffer, done, buffer.length - done);
      } catch (SocketTimeoutException e) {
        throw deadline.expired();
      }
      if (n < 0) {
        throw new EOFException(
            "connection closed after " + done + " of " + buffer.length + " bytes");
      }
      done += n;
    }
    return buffer;
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing a broken socket; nothing left to release
      }
      socket = null;
    }
  }
}
