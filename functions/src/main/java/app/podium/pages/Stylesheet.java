package app.podium.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The pages' one stylesheet, written inline by the layout so that no asset route is needed; its
 * SHA-256 is what the Content-Security-Policy allows as {@code style-src}, computed from the same
 * text so the two cannot drift apart.
 */
public final class Stylesheet {
  /**
   * The stylesheet's text, as the layout writes it between {@code <style>} and {@code </style>}.
   */
  public static final String TEXT = read();

  /** The CSP source that allows exactly {@link #TEXT}: {@code 'sha256-<base64>'}. */
  public static final String CSP_SOURCE = "'sha256-" + sha256Base64(TEXT) + "'";

  private Stylesheet() {}

  private static String read() {
    try (InputStream in = Stylesheet.class.getResourceAsStream("style.css")) {
      if (in == null) {
        throw new IllegalStateException("app/podium/pages/style.css is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256Base64(String text) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
