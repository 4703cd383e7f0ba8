package app.podium.accounts;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Email addresses as Podium keys them (one member per key). An address is taken only when Unicode
 * compatibility normalisation (NFKC) leaves it unchanged, and leaves its lower case unchanged too;
 * its key is that lower case. Two addresses then share a key exactly when they differ only in case,
 * and no look-alike takes another's key: the Kelvin sign for K, full-width letters, ligatures, a
 * letter followed by a combining mark for the letter with the mark, are refused rather than folded
 * onto the address they imitate. The second check catches what case changes: {@code J} with a
 * combining caron is NFKC, but its lower case composes into {@code ǰ}.
 *
 * <p>Letters of different scripts that merely look alike (Cyrillic {@code а}, Latin {@code a}) are
 * different addresses, as they are to mail servers; they get different keys and collide with
 * nothing.
 */
public final class Emails {
  /** The 422 description of an address {@link #isNormal} refuses. */
  public static final String NOT_NORMAL =
      "is invalid: it must be unchanged by Unicode NFKC normalisation";

  private Emails() {}

  /** Whether the address (trimmed) is one Podium takes: NFKC as typed, and NFKC in lower case. */
  public static boolean isNormal(String address) {
    return isNfkc(address) && isNfkc(address.toLowerCase(Locale.ROOT));
  }

  /** The key of an address {@link #isNormal} takes: its lower case in the root locale. */
  public static String key(String address) {
    if (!isNormal(address)) {
      throw new IllegalArgumentException("not a normal address; check isNormal first");
    }
    return address.toLowerCase(Locale.ROOT);
  }

  private static boolean isNfkc(String text) {
    return Normalizer.isNormalized(text, Normalizer.Form.NFKC);
  }
}
