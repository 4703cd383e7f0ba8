package app.podium.instance.api;

import app.podium.accounts.Account;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mastodon's Preferences: keys with colons, so a map rather than a record; null language means none
 * set.
 */
public final class PreferencesView {
  private PreferencesView() {}

  public static Map<String, Object> of(Account account) {
    Map<String, Object> preferences = new LinkedHashMap<>();
    preferences.put("posting:default:visibility", "public");
    preferences.put("posting:default:sensitive", false);
    preferences.put("posting:default:language", null);
    preferences.put("posting:default:quote_policy", "public");
    preferences.put("reading:expand:media", "default");
    preferences.put("reading:expand:spoilers", false);
    preferences.put("reading:autoplay:gifs", false);
    return preferences;
  }
}
