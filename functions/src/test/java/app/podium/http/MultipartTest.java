package app.podium.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MultipartTest {
  static final String TYPE = "multipart/form-data; boundary=----formdata-undici-0123456789";
  static final String DASH = "------formdata-undici-0123456789";

  /** What undici's FormData (masto's transport) sends for a sign-up form. */
  static String signup() {
    return DASH
        + "\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nalice\r\n"
        + DASH
        + "\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nalice@example.com\r\n"
        + DASH
        + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nline one\r\nline two --not a boundary\r\n"
        + DASH
        + "\r\nContent-Disposition: form-data; name=\"agreement\"\r\n\r\ntrue\r\n"
        + DASH
        + "\r\nContent-Disposition: form-data; name=\"locale\"\r\n\r\n\r\n"
        + DASH
        + "\r\nContent-Disposition: form-data; name=\"display_name\"\r\nContent-Type: text/plain;charset=UTF-8"
        + "\r\n\r\nAlïce 🎉\r\n"
        + DASH
        + "\r\nContent-Disposition: form-data; name=\"scopes[]\"\r\n\r\nread\r\n"
        + DASH
        + "\r\nContent-Disposition: form-data; name=\"scopes[]\"\r\n\r\nwrite\r\n"
        + DASH
        + "--\r\n";
  }

  static ApiRequest parse(String contentType, byte[] body) {
    APIGatewayV2HTTPEvent event =
        ApiRequestTest.withBody(contentType, Base64.getEncoder().encodeToString(body));
    event.setIsBase64Encoded(true);
    return ApiRequestTest.parse(event, ApiRequestTest.LOCAL);
  }

  static int statusOf(String contentType, byte[] body) {
    try {
      parse(contentType, body);
      return 200;
    } catch (RequestRejected e) {
      return e.status();
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void textFieldsAreReadLikeAForm() {
    Params params = parse(TYPE, utf8(signup())).params();
    assertThat(params.string("username")).isEqualTo("alice");
    assertThat(params.string("email")).isEqualTo("alice@example.com");
    assertThat(params.string("note")).isEqualTo("line one\r\nline two --not a boundary");
    assertThat(params.bool("agreement")).contains(true);
    assertThat(params.string("locale")).isEmpty();
    assertThat(params.string("display_name")).isEqualTo("Alïce 🎉");
    assertThat(params.list("scopes")).containsExactly("read", "write");
  }

  @Test
  void aQuotedBoundaryAPreambleTransportPaddingAndAnEpilogueAreAccepted() {
    String body =
        "preamble to ignore\r\n--b \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b--\r\nepilogue";
    Params params =
        parse("multipart/form-data; charset=utf-8; boundary=\"b\"", utf8(body)).params();
    assertThat(params.string("a")).isEqualTo("1");
  }

  @Test
  void fileParts_evenBinaryOnes_areLeftOut() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        utf8(
            DASH
                + "\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n"));
    body.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff, (byte) 0xfe});
    body.writeBytes(
        utf8(
            "\r\n"
                + DASH
                + "\r\nContent-Disposition: form-data; name=\"display_name\"\r\n\r\nA\r\n"
                + DASH
                + "--"));
    Params params = parse(TYPE, body.toByteArray()).params();
    assertThat(params.has("avatar")).isFalse();
    assertThat(params.string("display_name")).isEqualTo("A");
  }

  @Test
  void malformedBodiesAre400() {
    String part = "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n";
    assertThat(statusOf("multipart/form-data", utf8(DASH + part + DASH + "--")))
        .as("no boundary")
        .isEqualTo(400);
    assertThat(statusOf("multipart/form-data; boundary=" + "x".repeat(71), utf8("--x")))
        .as("boundary too long")
        .isEqualTo(400);
    assertThat(statusOf(TYPE, utf8("a=1"))).as("no delimiter").isEqualTo(400);
    assertThat(statusOf(TYPE, utf8(DASH + part))).as("no close delimiter").isEqualTo(400);
    assertThat(
            statusOf(
                TYPE,
                utf8(
                    DASH
                        + "\r\nContent-Disposition: form-data; name=\"a\"\r\n1\r\n"
                        + DASH
                        + "--")))
        .as("headers never end")
        .isEqualTo(400);
    assertThat(
            statusOf(TYPE, utf8(DASH + "\r\nContent-Type: text/plain\r\n\r\n1\r\n" + DASH + "--")))
        .as("no Content-Disposition")
        .isEqualTo(400);
    assertThat(
            statusOf(
                TYPE, utf8(DASH + "\r\nContent-Disposition: form-data\r\n\r\n1\r\n" + DASH + "--")))
        .as("no name")
        .isEqualTo(400);
    assertThat(
            statusOf(
                TYPE,
                utf8(
                    DASH
                        + "\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n"
                        + DASH
                        + "--")))
        .as("unterminated quote")
        .isEqualTo(400);
    assertThat(
            statusOf(
                TYPE,
                utf8(
                    DASH
                        + "Content-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
                        + DASH
                        + "--")))
        .as("delimiter without CRLF")
        .isEqualTo(400);
    ByteArrayOutputStream notUtf8 = new ByteArrayOutputStream();
    notUtf8.writeBytes(utf8(DASH + part.substring(0, part.length() - 3)));
    notUtf8.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
    notUtf8.writeBytes(utf8("\r\n" + DASH + "--"));
    assertThat(statusOf(TYPE, notUtf8.toByteArray())).as("text field not UTF-8").isEqualTo(400);
  }

  @Test
  void theBodyLimitHoldsForMultipartToo() {
    String big =
        DASH
            + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
            + "x".repeat(ApiRequest.MAX_BODY_BYTES)
            + "\r\n"
            + DASH
            + "--";
    assertThat(statusOf(TYPE, utf8(big))).isEqualTo(413);
  }

  @Test
  void otherTypesAreStill415() {
    assertThatThrownBy(() -> parse("multipart/mixed; boundary=b", utf8("--b--")))
        .isInstanceOfSatisfying(RequestRejected.class, e -> assertThat(e.status()).isEqualTo(415));
  }
}
