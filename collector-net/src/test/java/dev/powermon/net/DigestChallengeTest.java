package dev.powermon.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class DigestChallengeTest {
  /** RFC 7616 section 3.9.1, the SHA-256 example: the response must be the RFC's to the letter. */
  @Test
  void reproducesRfc7616Sha256Example() {
    DigestChallenge c =
        DigestChallenge.parse(
            "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", "
                + "algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
                + "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
    String header =
        c.authorization(
            "Mufasa",
            "Circle of Life",
            "GET",
            "/dir/index.html",
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
    assertThat(header)
        .contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"")
        .contains("nc=00000001")
        .contains("qop=auth,")
        .contains("algorithm=SHA-256")
        .contains("opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
  }

  /** RFC 7616 section 3.9.1, the MD5 example. */
  @Test
  void reproducesRfc7616Md5Example() {
    DigestChallenge c =
        DigestChallenge.parse(
            "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", "
                + "algorithm=MD5, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\"");
    assertThat(
            c.authorization(
                "Mufasa",
                "Circle of Life",
                "GET",
                "/dir/index.html",
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"))
        .contains("response=\"8ca523f5e9506fed4657c9700eebdbec\"");
  }

  @Test
  void theNonceCountRisesWithEachUse() {
    DigestChallenge c =
        DigestChallenge.parse(
            "Digest qop=\"auth\", realm=\"shellyplus\", nonce=\"60dc59c6\", algorithm=SHA-256");
    c.authorization("admin", "pw", "GET", "/a");
    assertThat(c.authorization("admin", "pw", "GET", "/a")).contains("nc=00000002");
  }

  @Test
  void refusesWhatItCannotAnswerWithoutQuotingTheHeader() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DigestChallenge.parse("Basic realm=\"x\""))
        .withMessage("the device asks for an authentication scheme other than Digest");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DigestChallenge.parse("Digest qop=\"auth\", nonce=\"n\""))
        .withMessage("the device's digest challenge lacks a usable realm or nonce");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                DigestChallenge.parse(
                    "Digest realm=\"r\", nonce=\"n\", qop=\"auth\", algorithm=SHA-512-256"))
        .withMessage(
            "the device asks for digest algorithm SHA-512-256; SHA-256 and MD5 are supported");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\""))
        .withMessage("the device's digest challenge does not offer qop=auth");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                DigestChallenge.parse(
                    "Digest realm=\"" + "r".repeat(300) + "\", nonce=\"n\", qop=\"auth\""))
        .withMessage("the device's digest challenge lacks a usable realm or nonce");
  }
}
