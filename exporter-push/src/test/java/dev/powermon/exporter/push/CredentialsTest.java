package dev.powermon.exporter.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {
  @TempDir Path dir;

  @Test
  void aBearerTokenIsTheFileWithoutItsTrailingNewline() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "s3cret\n");

    assertThat(Credentials.bearer(token).authorization()).isEqualTo("Bearer s3cret");
  }

  @Test
  void basicAuthIsUserColonPasswordInBase64() throws Exception {
    Path password = Files.writeString(dir.resolve("pw"), "open sesame\n");

    // base64("ali:open sesame") = YWxpOm9wZW4gc2VzYW1l
    assertThat(Credentials.basic("ali", password).authorization())
        .isEqualTo("Basic YWxpOm9wZW4gc2VzYW1l");
  }

  @Test
  void aRotatedSecretIsReadAtTheNextPush() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "one");
    Credentials c = Credentials.bearer(token);
    c.authorization();
    Files.writeString(token, "two");

    assertThat(c.authorization()).isEqualTo("Bearer two");
  }

  @Test
  void oversizedMultiLineEmptyAndMissingFilesAreRefusedWithoutShowingTheSecret() throws Exception {
    Path big = Files.write(dir.resolve("big"), new byte[Credentials.MAX_SECRET_BYTES + 1]);
    Path twoLines = Files.writeString(dir.resolve("two"), "line-one\nline-two\n");
    Path empty = Files.writeString(dir.resolve("empty"), "\n");

    assertThatThrownBy(() -> Credentials.bearer(big).authorization())
        .hasMessageContaining("larger than");
    assertThatThrownBy(() -> Credentials.bearer(twoLines).authorization())
        .hasMessageContaining("one secret on one line")
        .hasMessageNotContaining("line-one");
    assertThatThrownBy(() -> Credentials.bearer(empty).authorization())
        .isInstanceOf(CredentialsException.class);
    assertThatThrownBy(() -> Credentials.bearer(dir.resolve("gone")).authorization())
        .isInstanceOf(CredentialsException.class)
        .hasMessageContaining("cannot read");
  }

  @Test
  void noCredentialsMeansNoHeaderAndToStringNamesOnlyTheFile() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "s3cret");

    assertThat(Credentials.NONE.authorization()).isNull();
    assertThat(Credentials.bearer(token).toString()).contains("token").doesNotContain("s3cret");
  }
}
