package dev.powermon.oshi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.oshi.NativeAccess.NativeAccessException;
import org.junit.jupiter.api.Test;

class NativeAccessTest {

  @Test
  void aLibraryJnaCannotUnpackBecomesOneLineNamingJnaTmpdir() {
    assertThatThrownBy(
            () ->
                NativeAccess.call(
                    "reading the batteries through OSHI",
                    () -> {
                      throw new UnsatisfiedLinkError(
                          "/tmp/jna-1234/jna5678.tmp: failed to map segment from shared "
                              + "object\n\tat java.base/jdk.internal.loader.NativeLibraries.load(Native Method)");
                    }))
        .isInstanceOf(NativeAccessException.class)
        .hasNoCause()
        .hasMessage(
            "reading the batteries through OSHI failed: JNA cannot load its native library "
                + "(java.lang.UnsatisfiedLinkError: /tmp/jna-1234/jna5678.tmp: failed to map segment from "
                + "shared object); the temporary directory is probably on a read-only filesystem or mounted "
                + "noexec: start powermon with -Djna.tmpdir=<a writable directory that allows exec>");
  }

  @Test
  void laterCallsSeeNoClassDefFoundAndGetTheSameAdvice() {
    assertThatThrownBy(
            () ->
                NativeAccess.call(
                    "opening PDH",
                    () -> {
                      throw new NoClassDefFoundError(
                          "Could not initialize class com.sun.jna.Native");
                    }))
        .isInstanceOf(NativeAccessException.class)
        .hasMessageContaining("Could not initialize class com.sun.jna.Native")
        .hasMessageContaining("-Djna.tmpdir")
        .hasMessageContaining("read-only")
        .message()
        .doesNotContain("\n");
  }

  @Test
  void valuesAndOrdinaryExceptionsPassThrough() {
    assertThat(NativeAccess.call("x", () -> 42)).isEqualTo(42);
    assertThatThrownBy(
            () ->
                NativeAccess.call(
                    "x",
                    () -> {
                      throw new IllegalStateException("PDH said no");
                    }))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("PDH said no");
  }
}
