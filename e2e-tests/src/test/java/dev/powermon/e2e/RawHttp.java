package dev.powermon.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Requests written byte for byte, as an attacker writes them, where java.net.http would refuse or
 * fix them.
 */
final class RawHttp {
  private static final int TIMEOUT_MILLIS = 10_000;

  private RawHttp() {}

  /**
   * Sends {@code request} (a whole HTTP/1.1 request, CRLF line ends) to {@code target} (host:port)
   * and returns the status code, or -1 when the server closed the connection without answering.
   */
  static int status(String target, String request) throws IOException {
    int colon = target.lastIndexOf(':');
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(
              target.substring(0, colon), Integer.parseInt(target.substring(colon + 1))),
          TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      } catch (IOException e) {
        return -1; // closed while we were still sending: refused
      }
      String line = statusLine(socket.getInputStream());
      if (line == null) {
        return -1;
      }
      String[] parts = line.split(" ");
      return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    }
  }

  /** The first line of the answer, or null when the connection closed first. */
  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    try {
      for (int c = in.read(); c != -1 && c != '\n' && line.length() < 200; c = in.read()) {
        line.append((char) c);
      }
    } catch (IOException e) {
      return null; // reset by the server
    }
    return line.length() == 0 ? null : line.toString().trim();
  }

  /** A GET of {@code path} with {@code extraHeaders} (each "Name: value"). */
  static String get(String method, String path, String... extraHeaders) {
    StringBuilder request =
        new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (String h : extraHeaders) {
      request.append(h).append("\r\n");
    }
    return request.append("Connection: close\r\n\r\n").toString();
  }

  /** A request with {@code body} (UTF-8, Content-Length set) and {@code extraHeaders}. */
  static String withBody(String method, String path, String body, String... extraHeaders) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
    boolean host = false;
    for (String h : extraHeaders) {
      request.append(h).append("\r\n");
      host |= h.regionMatches(true, 0, "Host:", 0, 5);
    }
    if (!host) {
      request.append("Host: 127.0.0.1\r\n");
    }
    request.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
    return request + new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
