package app.podium.engine.value;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderTest {
  @Test
  void stringsSortByTheirUtf8BytesNotByUtf16Units() {
    // U+FFFD is EF BF BD in UTF-8, U+1F600 is F0 9F 98 80: the emoji sorts last, though its UTF-16
    // unit is smaller
    assertThat(Order.compareStrings("\uFFFD", "😀")).isNegative();
    assertThat("\uFFFD".compareTo("😀")).isPositive();
    assertThat(Order.compareStrings("a", "b")).isNegative();
    assertThat(Order.compareStrings("ab", "a")).isPositive();
    assertThat(Order.compareStrings("Z", "a")).isNegative();
  }

  @Test
  void numbersSortByValueAndBinaryByUnsignedBytes() {
    assertThat(Order.compare(Value.N.of("10"), Value.N.of("9"))).isPositive();
    assertThat(Order.compare(Value.N.of("-10"), Value.N.of("-9"))).isNegative();
    assertThat(
            Order.compare(
                new Value.B(Bytes.wrap(new byte[] {(byte) 0x80})),
                new Value.B(Bytes.wrap(new byte[] {0x7f}))))
        .isPositive();
  }

  @Test
  void aPrefixEndIsTheLeastValueAfterEveryValueWithThePrefix() {
    assertThat(Order.prefixEnd(new Value.S("ab"))).isEqualTo(new Value.S("ac"));
    assertThat(Order.prefixEnd(new Value.S("a\uD7FF"))).isEqualTo(new Value.S("a\uE000"));
    assertThat(Order.prefixEnd(new Value.S(""))).isNull();
    assertThat(Order.prefixEnd(new Value.B(Bytes.wrap(new byte[] {1, (byte) 0xFF}))))
        .isEqualTo(new Value.B(Bytes.wrap(new byte[] {2})));
  }
}
