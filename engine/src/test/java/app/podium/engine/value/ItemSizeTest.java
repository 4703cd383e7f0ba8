package app.podium.engine.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sizes from DynamoDB's "DynamoDB item sizes and formats". */
class ItemSizeTest {
  @Test
  void namesAndStringsCountTheirUtf8Bytes() {
    assertThat(ItemSize.of(Map.of("name", new Value.S("héllo")))).isEqualTo(4 + 6);
    assertThat(ItemSize.of(Map.of("e", new Value.S("😀")))).isEqualTo(1 + 4);
  }

  @Test
  void aNumberTakesOneBytePerTwoSignificantDigitsPlusOne() {
    assertThat(ItemSize.of(new Value.N(Numbers.parse("1")))).isEqualTo(2);
    assertThat(ItemSize.of(new Value.N(Numbers.parse("12")))).isEqualTo(2);
    assertThat(ItemSize.of(new Value.N(Numbers.parse("123")))).isEqualTo(3);
    // leading and trailing zeros do not count
    assertThat(ItemSize.of(new Value.N(Numbers.parse("0012000")))).isEqualTo(2);
  }

  @Test
  void binaryCountsRawBytesBooleanAndNullOneByte() {
    assertThat(ItemSize.of(new Value.B(Bytes.wrap(new byte[] {1, 2, 3})))).isEqualTo(3);
    assertThat(ItemSize.of(Value.Bool.TRUE)).isEqualTo(1);
    assertThat(ItemSize.of(Value.Null.INSTANCE)).isEqualTo(1);
  }

  @Test
  void listsAndMapsTakeThreeBytesPlusOnePerElement() {
    assertThat(ItemSize.of(new Value.L(List.of()))).isEqualTo(3);
    assertThat(ItemSize.of(new Value.L(List.of(new Value.S("ab"), Value.Bool.TRUE))))
        .isEqualTo(3 + 1 + 2 + 1 + 1);
    Map<String, Value> entries = new LinkedHashMap<>();
    entries.put("k", new Value.S("v"));
    assertThat(ItemSize.of(new Value.M(entries))).isEqualTo(3 + 1 + 1 + 1);
  }

  @Test
  void setsSumTheirElements() {
    assertThat(ItemSize.of(new Value.SS(Set.of("ab", "c")))).isEqualTo(3);
    assertThat(ItemSize.of(new Value.NS(Set.of(Numbers.parse("1"), Numbers.parse("123")))))
        .isEqualTo(2 + 3);
  }
}
