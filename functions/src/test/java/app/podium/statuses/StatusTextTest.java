package app.podium.statuses;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTextTest {

  static List<String> mentionNames(String text) {
    return StatusText.entities(text).stream()
        .filter(e -> e.kind() == StatusText.Kind.MENTION)
        .map(StatusText.Entity::name)
        .toList();
  }

  static List<String> tagNames(String text) {
    return StatusText.entities(text).stream()
        .filter(e -> e.kind() == StatusText.Kind.TAG)
        .map(StatusText.Entity::name)
        .toList();
  }

  @Test
  void mentionsAtTheStartAfterSpacesAndPunctuation() {
    assertThat(mentionNames("@alice hi (@bob), \"@carol\" and\n@dave_2."))
        .containsExactly("alice", "bob", "carol", "dave_2");
  }

  @Test
  void noMentionInsideAWordAnEmailAddressOrAPath() {
    assertThat(mentionNames("mail me at me@alice.example or see x/@bob and y=@carol, foo@dave"))
        .isEmpty();
  }

  @Test
  void aNameWithADomainIsRemoteAndNoLocalMention() {
    assertThat(mentionNames("hi @alice@other.example and @bob@sub.other-domain.org")).isEmpty();
    assertThat(mentionNames("hi @alice@ there")).containsExactly("alice");
  }

  @Test
  void unicodeNamesAreNoMentionsAndNeitherIsAnAsciiPrefixOfOne() {
    assertThat(mentionNames("@ünïcode @alicé @日本")).isEmpty();
  }

  @Test
  void mentionedNamesAreDistinctLowerCaseInFirstOrderAndBounded() {
    assertThat(StatusText.mentionedNames("@Bob @alice @BOB @carol @alice"))
        .containsExactly("bob", "alice", "carol");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < StatusText.MAX_MENTIONS + 5; i++) {
      many.append("@user").append(i).append(' ');
    }
    List<String> names = StatusText.mentionedNames(many.toString());
    assertThat(names)
        .hasSize(StatusText.MAX_MENTIONS)
        .startsWith("user0", "user1")
        .endsWith("user19");
  }

  @Test
  void hashtagsOfLettersDigitsAndUnderscoresNotAllDigits() {
    assertThat(tagNames("#Java #2024 #web3 #_x_ #café #日本語 #123abc #__"))
        .containsExactly("Java", "web3", "_x_", "café", "日本語", "123abc");
  }

  @Test
  void noHashtagInsideAWordOrAUrlOrAfterEqualsOrParenthesis() {
    assertThat(
            tagNames(
                "C#sharp a#b https://example.com/page#frag https://example.com/?q=#x https://x.org/?#anchor"
                    + " /#path =#eq )#paren"))
        .isEmpty();
    assertThat(tagNames("see https://example.com then #real")).containsExactly("real");
  }

  @Test
  void hashtagsEndAtPunctuation() {
    assertThat(tagNames("(#one), #two. #three! #four's"))
        .containsExactly("one", "two", "three", "four");
  }

  @Test
  void tagsAreFoldedDistinctAndInFirstOrder() {
    assertThat(StatusText.tags("#Java #JAVA #java #Ｊａｖａ #Kotlin"))
        .containsExactly("java", "kotlin");
    assertThat(StatusText.fold("İstanbul")).isEqualTo("i̇stanbul");
  }

  @Test
  void aTooLongNameIsNoTag() {
    assertThat(StatusText.tags("#" + "a".repeat(StatusText.MAX_TAG_LENGTH))).hasSize(1);
    assertThat(StatusText.tags("#" + "a".repeat(StatusText.MAX_TAG_LENGTH + 1))).isEmpty();
  }

  @Test
  void isTagAcceptsExactlyOneWholeTagName() {
    assertThat(StatusText.isTag("Java")).isTrue();
    assertThat(StatusText.isTag("café")).isTrue();
    assertThat(StatusText.isTag("123")).isFalse();
    assertThat(StatusText.isTag("two words")).isFalse();
    assertThat(StatusText.isTag("a#b")).isFalse();
    assertThat(StatusText.isTag("")).isFalse();
    assertThat(StatusText.isTag(null)).isFalse();
  }

  @Test
  void entitiesComeInTextOrderWithTheirPositions() {
    String text = "#a @b #c";
    assertThat(StatusText.entities(text))
        .containsExactly(
            new StatusText.Entity(StatusText.Kind.TAG, 0, 2, "a"),
            new StatusText.Entity(StatusText.Kind.MENTION, 3, 5, "b"),
            new StatusText.Entity(StatusText.Kind.TAG, 6, 8, "c"));
  }
}
