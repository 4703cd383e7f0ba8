package app.podium.notifications;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of notification Podium writes, with Mastodon's names. */
public enum NotificationType {
  MENTION("mention", false),
  FAVOURITE("favourite", true),
  REBLOG("reblog", true),
  FOLLOW("follow", true);

  private final String text;
  private final boolean grouped;

  NotificationType(String text, boolean grouped) {
    this.text = text;
    this.grouped = grouped;
  }

  public String text() {
    return text;
  }

  /** Whether events of this type gather in one group; a mention is always its own. */
  public boolean grouped() {
    return grouped;
  }

  public static Optional<NotificationType> fromText(String text) {
    return Arrays.stream(values()).filter(t -> t.text.equals(text)).findFirst();
  }
}
