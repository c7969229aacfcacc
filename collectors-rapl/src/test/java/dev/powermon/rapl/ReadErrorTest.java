package dev.powermon.rapl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReadErrorTest {

  @Test
  void classifiesByExceptionTypeThenErrnoText() {
    assertThat(
            ReadError.of(new AccessDeniedException("/sys/class/powercap/intel-rapl:0/energy_uj")))
        .isEqualTo(ReadError.EACCES);
    assertThat(ReadError.of(new NoSuchFileException("x"))).isEqualTo(ReadError.ENOENT);
    assertThat(ReadError.of(new FileSystemException("x", null, "Invalid argument")))
        .isEqualTo(ReadError.EINVAL);
    // What FileInputStream.read throws when the driver's show() returns an error:
    assertThat(ReadError.of(new IOException("Invalid argument"))).isEqualTo(ReadError.EINVAL);
    assertThat(ReadError.of(new IOException("Input/output error"))).isEqualTo(ReadError.EIO);
    assertThat(ReadError.of(new IOException("No data available"))).isEqualTo(ReadError.EIO);
    assertThat(ReadError.of(new IOException("Operation not permitted")))
        .isEqualTo(ReadError.EACCES);
    assertThat(ReadError.of(new IOException((String) null))).isEqualTo(ReadError.EIO);
    assertThat(ReadError.of(new MalformedReadingException("empty"))).isEqualTo(ReadError.PARSE);
    assertThat(ReadError.of(new StuckReadException(Path.of("energy_uj"), Instant.EPOCH)))
        .isEqualTo(ReadError.STUCK);
  }

  @Test
  void labelsAreLowerCase() {
    assertThat(ReadError.EACCES.label()).isEqualTo("eacces");
    assertThat(ReadError.PARSE.label()).isEqualTo("parse");
  }
}
