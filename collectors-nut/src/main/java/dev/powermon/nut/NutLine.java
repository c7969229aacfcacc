package dev.powermon.nut;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of the upsd protocol into words: words are separated by spaces; a double-quoted
 * word may hold spaces, and inside it a backslash escapes the next character ({@code \"}, {@code
 * \\}), as upsd's own {@code pconf} parser writes them.
 */
final class NutLine {
  private NutLine() {}

  /**
   * The words of {@code line}.
   *
   * @throws NutProtocolException for an unterminated quote or a trailing backslash (a truncated
   *     line)
   */
  static List<String> words(String line) throws NutProtocolException {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '\\') {
          if (++i == line.length()) {
            throw new NutProtocolException(
                "line ends inside an escape: " + NutProtocolException.excerpt(line));
          }
          word.append(line.charAt(i));
        } else if (c == '"') {
          quoted = false;
        } else {
          word.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        inWord = true;
      } else if (c == ' ' || c == '\t') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quoted) {
      throw new NutProtocolException("unterminated quote: " + NutProtocolException.excerpt(line));
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
