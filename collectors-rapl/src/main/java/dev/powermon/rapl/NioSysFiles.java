package dev.powermon.rapl;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** {@link SysFiles} on the real file system, with bounded reads. */
final class NioSysFiles implements SysFiles {
  /** sysfs attributes are at most one page; anything longer is not a counter. */
  static final int MAX_TEXT_BYTES = 4096;

  /** A directory with more entries than this is not a powercap tree. */
  private static final int MAX_ENTRIES = 4096;

  @Override
  public String read(Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_TEXT_BYTES + 1);
    }
    if (bytes.length > MAX_TEXT_BYTES) {
      // Cut at the page, 5000 zeros and a 7 would read as 0: refuse rather than misread.
      throw new MalformedReadingException(
          "more than " + MAX_TEXT_BYTES + " bytes, larger than any sysfs attribute");
    }
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  @Override
  public List<Path> list(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (out.size() == MAX_ENTRIES) {
          throw new IOException(dir + " has more than " + MAX_ENTRIES + " entries");
        }
        out.add(entry);
      }
    }
    return out;
  }

  @Override
  public byte[] readAt(Path file, long offset, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, offset + buffer.position()) < 0) {
          throw new EOFException(file + ": nothing at offset 0x" + Long.toHexString(offset));
        }
      }
    }
    return buffer.array();
  }
}
