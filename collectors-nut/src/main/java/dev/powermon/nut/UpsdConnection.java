package dev.powermon.nut;

import dev.powermon.net.Deadline;
import dev.powermon.net.DeviceCredentials;
import dev.powermon.net.HostPort;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One conversation with upsd (TCP, the NUT network protocol): every read is bounded in length and
 * by the poll's overall deadline, so a peer that drips bytes or floods lines costs only its own
 * target.
 */
final class UpsdConnection implements AutoCloseable {
  /** upsd's own limit on a line is 512 bytes; a longer line is not upsd speaking. */
  static final int MAX_LINE_BYTES = 4096;

  /**
   * More UPSes or variables than any real upsd serves: a peer beyond these is hostile or broken.
   */
  static final int MAX_LIST_ITEMS = 4096;

  /**
   * The connection's socket and streams; after {@link #startTls} the TLS layer over the same
   * socket.
   */
  private Socket socket;

  private InputStream in;
  private OutputStream out;
  private final Deadline deadline;

  private UpsdConnection(Socket socket, Deadline deadline) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 8192);
    this.out = socket.getOutputStream();
    this.deadline = deadline;
  }

  /** Connects within what is left of {@code deadline}; every later read keeps to it too. */
  static UpsdConnection open(HostPort target, Deadline deadline) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(target.resolve(), deadline.remainingMillis());
      return new UpsdConnection(socket, deadline);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Sends the credentials and checks them: upsd accepts USERNAME and PASSWORD whatever they are and
   * judges them only at LOGIN, so a wrong password would otherwise go unnoticed.
   */
  void authenticate(DeviceCredentials credentials, String ups) throws IOException {
    expectOk("USERNAME", "USERNAME " + quote(credentials.username()));
    expectOk("PASSWORD", "PASSWORD " + quote(credentials.password()));
    expectOk("LOGIN", "LOGIN " + quote(ups));
  }

  /**
   * {@code STARTTLS}, then TLS over the same connection: upsd's certificate must chain to {@code
   * tls}'s trust and name {@code target}'s host (checked as HTTPS clients check it). A upsd without
   * a certificate answers {@code ERR FEATURE-NOT-CONFIGURED}, which fails the poll rather than
   * falling back to plain text the operator asked not to use.
   */
  void startTls(SSLContext tls, HostPort target) throws IOException {
    expectOk("STARTTLS", "STARTTLS");
    SSLSocket secure =
        (SSLSocket) tls.getSocketFactory().createSocket(socket, target.host(), target.port(), true);
    SSLParameters parameters = secure.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    secure.setSSLParameters(parameters);
    secure.setSoTimeout(deadline.remainingMillis());
    try {
      secure.startHandshake();
    } catch (SSLHandshakeException e) {
      throw new IOException(
          "TLS with upsd failed: its certificate does not chain to collectors.nut.ca-file"
              + " (or the JVM's roots) or does not name "
              + target.host()
              + " ("
              + e.getMessage()
              + ")");
    }
    socket = secure;
    in = new BufferedInputStream(secure.getInputStream(), 8192);
    out = secure.getOutputStream();
  }

  /** {@code LIST UPS}: each UPS's name and description, in upsd's order. */
  Map<String, String> listUps() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (List<String> words : list("LIST UPS", "UPS", 0)) {
      if (words.size() < 2) {
        throw new NutProtocolException("LIST UPS: an item without a name");
      }
      out.put(words.get(1), words.size() > 2 ? words.get(2) : "");
    }
    return out;
  }

  /** {@code LIST VAR <ups>}: every variable as upsd sent it (text; the caller parses numbers). */
  Map<String, String> listVar(String ups) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (List<String> words : list("LIST VAR " + quote(ups), "VAR", 1)) {
      if (words.size() < 4 || !words.get(1).equals(ups)) {
        throw new NutProtocolException("LIST VAR " + ups + ": a malformed item");
      }
      out.put(words.get(2), words.get(3));
    }
    return out;
  }

  /** Says goodbye so upsd logs a clean disconnect; errors here cost nothing. */
  @Override
  public void close() {
    try {
      send("LOGOUT");
    } catch (IOException ignored) {
      // the reply was already read; a peer that is gone needs no goodbye
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }

  private List<List<String>> list(String command, String itemWord, int extraHeaderWords)
      throws IOException {
    send(command);
    String header = command.substring("LIST ".length());
    List<String> begin = NutLine.words(readLine(command));
    failOnErr(command, begin);
    if (!begin.equals(listHeader("BEGIN", header))) {
      throw new NutProtocolException(
          command
              + ": expected BEGIN LIST, got "
              + NutProtocolException.excerpt(String.join(" ", begin)));
    }
    List<List<String>> items = new ArrayList<>();
    while (true) {
      List<String> words = NutLine.words(readLine(command));
      if (words.equals(listHeader("END", header))) {
        return items;
      }
      if (words.isEmpty() || !words.get(0).equals(itemWord)) {
        throw new NutProtocolException(
            command + ": unexpected line " + NutProtocolException.excerpt(String.join(" ", words)));
      }
      if (items.size() == MAX_LIST_ITEMS) {
        throw new NutProtocolException(command + ": more than " + MAX_LIST_ITEMS + " items");
      }
      items.add(words);
    }
  }

  private static List<String> listHeader(String edge, String header) throws NutProtocolException {
    List<String> words = new ArrayList<>(List.of(edge, "LIST"));
    words.addAll(NutLine.words(header));
    return words;
  }

  private void expectOk(String what, String command) throws IOException {
    send(command);
    List<String> words = NutLine.words(readLine(what));
    failOnErr(what, words);
    if (words.isEmpty() || !words.get(0).equals("OK")) {
      throw new NutProtocolException(
          what + ": expected OK, got " + NutProtocolException.excerpt(String.join(" ", words)));
    }
  }

  private static void failOnErr(String what, List<String> words) throws NutErrorException {
    if (!words.isEmpty() && words.get(0).equals("ERR")) {
      throw new NutErrorException(what, words.size() > 1 ? words.get(1) : "(no code)");
    }
  }

  private void send(String line) throws IOException {
    socket.setSoTimeout(deadline.remainingMillis());
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private String readLine(String what) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    while (true) {
      int b = read();
      if (b < 0) {
        throw new NutProtocolException(what + ": upsd closed the connection mid-reply");
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      if (line.size() == MAX_LINE_BYTES) {
        throw new NutProtocolException(
            what + ": a reply line longer than " + MAX_LINE_BYTES + " bytes");
      }
      line.write(b);
    }
  }

  /** One byte, or the poll's deadline error when the budget runs out while waiting for it. */
  private int read() throws IOException {
    socket.setSoTimeout(deadline.remainingMillis());
    try {
      return in.read();
    } catch (SocketTimeoutException e) {
      throw deadline.expired();
    }
  }

  /** Quotes a word for upsd: names from the operator or the peer may hold spaces or quotes. */
  private static String quote(String word) {
    return '"' + word.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
