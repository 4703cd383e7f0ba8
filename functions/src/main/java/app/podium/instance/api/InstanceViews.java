package app.podium.instance.api;

import app.podium.shared.Settings;
import app.podium.stats.InstanceStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What clients read on first contact: Mastodon's Instance (v1 and v2) and NodeInfo 2.0.
 * Registration fields follow the signup phase; {@code invite_required} and {@code mode} are Podium
 * extensions.
 */
public final class InstanceViews {
  /** The Mastodon API version Podium speaks. */
  static final String MASTODON_API_VERSION = "4.3.0";

  public static final String VERSION = MASTODON_API_VERSION + " (compatible; Podium 0.1.0)";
  static final String DESCRIPTION = "An invite-only social network, opening in phases.";
  public static final int MAX_STATUS_CHARACTERS = 1000;
  static final String SOURCE_URL = "https://github.com/podium-social/podium";

  private InstanceViews() {}

  public static Map<String, Object> v2(Settings settings, InstanceStats stats) {
    Map<String, Object> instance = new LinkedHashMap<>();
    instance.put("domain", settings.domain());
    instance.put("title", settings.instanceTitle());
    instance.put("version", VERSION);
    instance.put("source_url", SOURCE_URL);
    instance.put("description", DESCRIPTION);
    instance.put("usage", Map.of("users", Map.of("active_month", stats.activeMonth())));
    instance.put("thumbnail", Map.of("url", settings.baseUrl() + "/thumbnail.png"));
    instance.put("icon", List.of());
    instance.put("languages", List.of("en"));
    instance.put(
        "configuration",
        Map.of(
            "urls", Map.of("status", settings.baseUrl() + "/status"),
            "accounts", Map.of("max_featured_tags", 0, "max_pinned_statuses", 0),
            "statuses", statusLimits(),
            "media_attachments", mediaLimits(),
            "polls", pollLimits(),
            "translation", Map.of("enabled", false)));
    Map<String, Object> registrations = new LinkedHashMap<>();
    registrations.put("enabled", true);
    registrations.put("approval_required", false);
    registrations.put("message", registrationMessage(settings));
    registrations.put("url", null);
    registrations.put("invite_required", settings.signupMode() != Settings.SignupMode.OPEN);
    registrations.put("mode", settings.signupMode().text());
    instance.put("registrations", registrations);
    instance.put("api_versions", Map.of("mastodon", 2));
    instance.put("contact", contact(settings));
    instance.put("rules", List.of());
    return instance;
  }

  public static Map<String, Object> v1(Settings settings, InstanceStats stats) {
    Map<String, Object> instance = new LinkedHashMap<>();
    instance.put("uri", settings.domain());
    instance.put("title", settings.instanceTitle());
    instance.put("short_description", DESCRIPTION);
    instance.put("description", DESCRIPTION);
    instance.put("email", "");
    instance.put("version", VERSION);
    instance.put("urls", Map.of());
    // Mastodon counts the other servers it knows; Podium does not federate
    instance.put(
        "stats",
        Map.of(
            "user_count", stats.members(), "status_count", stats.localPosts(), "domain_count", 0));
    instance.put("thumbnail", settings.baseUrl() + "/thumbnail.png");
    instance.put("languages", List.of("en"));
    instance.put("registrations", true);
    instance.put("approval_required", false);
    instance.put("invites_enabled", true);
    instance.put("invite_required", settings.signupMode() != Settings.SignupMode.OPEN);
    instance.put(
        "configuration",
        Map.of(
            "accounts", Map.of("max_featured_tags", 0),
            "statuses", statusLimits(),
            "media_attachments", mediaLimits(),
            "polls", pollLimits()));
    instance.put("contact_account", null);
    instance.put("rules", List.of());
    return instance;
  }

  public static Map<String, Object> nodeInfoLinks(Settings settings) {
    return Map.of(
        "links",
        List.of(
            Map.of(
                "rel",
                "http://nodeinfo.diaspora.software/ns/schema/2.0",
                "href",
                settings.baseUrl() + "/nodeinfo/2.0")));
  }

  public static Map<String, Object> nodeInfo(Settings settings, InstanceStats stats) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("version", "2.0");
    info.put("software", Map.of("name", "podium", "version", "0.1.0"));
    info.put("protocols", List.of());
    info.put("services", Map.of("outbound", List.of(), "inbound", List.of()));
    info.put(
        "usage",
        Map.of(
            "users",
            Map.of(
                "total",
                stats.members(),
                "activeMonth",
                stats.activeMonth(),
                "activeHalfyear",
                stats.activeHalfyear()),
            "localPosts",
            stats.localPosts()));
    info.put("openRegistrations", settings.signupMode() == Settings.SignupMode.OPEN);
    Map<String, Object> metadata = new LinkedHashMap<>();
    // Mastodon's two keys
    metadata.put("nodeName", settings.instanceTitle());
    metadata.put("nodeDescription", DESCRIPTION);
    // software.name stays honest; clients that know a server by its API (megalodon's detector())
    // read the API it speaks here, as forks of Mastodon and Misskey say it
    metadata.put("upstream", Map.of("name", "mastodon", "version", MASTODON_API_VERSION));
    metadata.put("signupMode", settings.signupMode().text());
    info.put("metadata", metadata);
    return info;
  }

  private static Map<String, Object> statusLimits() {
    return Map.of(
        "max_characters",
        MAX_STATUS_CHARACTERS,
        "max_media_attachments",
        0,
        "characters_reserved_per_url",
        23);
  }

  private static Map<String, Object> mediaLimits() {
    return Map.of(
        "supported_mime_types",
        List.of(),
        "image_size_limit",
        0,
        "image_matrix_limit",
        0,
        "video_size_limit",
        0,
        "video_frame_rate_limit",
        0,
        "video_matrix_limit",
        0);
  }

  private static Map<String, Object> pollLimits() {
    return Map.of(
        "max_options", 0, "max_characters_per_option", 0, "min_expiration", 0, "max_expiration", 0);
  }

  private static Map<String, Object> contact(Settings settings) {
    Map<String, Object> contact = new LinkedHashMap<>();
    contact.put("email", "");
    contact.put("account", null);
    return contact;
  }

  private static String registrationMessage(Settings settings) {
    return switch (settings.signupMode()) {
      case INVITE_ONLY -> "Podium is invite-only for now: sign up with an invite code.";
      case WAITLIST -> "Join the waitlist, or sign up with an invite code.";
      case OPEN -> null;
    };
  }
}
