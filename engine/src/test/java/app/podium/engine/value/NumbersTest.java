package app.podium.engine.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class NumbersTest {
  @Test
  void numbersAreWrittenInPlainNotationWithoutTrailingOrLeadingZeros() {
    assertThat(Value.N.of("001.500").text()).isEqualTo("1.5");
    assertThat(Value.N.of("1e5").text()).isEqualTo("100000");
    assertThat(Value.N.of("-.5e-3").text()).isEqualTo("-0.0005");
    assertThat(Value.N.of("-0.0").text()).isEqualTo("0");
    assertThat(Value.N.of("12345678901234567890123456789012345678000000").text())
        .isEqualTo("12345678901234567890123456789012345678000000");
  }

  @Test
  void equalNumbersAreEqualValuesWhateverTheirText() {
    assertThat(Value.N.of("1.0")).isEqualTo(Value.N.of("1")).hasSameHashCodeAs(Value.N.of("1"));
    assertThat(Value.N.of("100")).isEqualTo(Value.N.of("1E2"));
  }

  @Test
  void thirtyEightDigitsAreKeptExactly() {
    String digits = "1234567890123456789012345678901234567.8";
    assertThat(Value.N.of(digits).text()).isEqualTo(digits);
    assertThat(Numbers.checked(new BigDecimal("0.1").add(new BigDecimal("0.2"))))
        .isEqualByComparingTo("0.3");
  }

  @Test
  void aThirtyNinthDigitIsRefused() {
    assertThatThrownBy(() -> Value.N.of("1.23456789012345678901234567890123456789"))
        .hasMessage("DynamoDB only supports precision up to 38 digits");
  }

  @Test
  void magnitudesOutsideDynamoDbsRangeAreRefused() {
    assertThat(Value.N.of("9.9999999999999999999999999999999999999E+125").value().precision())
        .isEqualTo(38);
    assertThat(Value.N.of("1E-130").text()).startsWith("0.000");
    assertThatThrownBy(() -> Value.N.of("1e126"))
        .hasMessage(
            "Number overflow. Attempting to store a number with magnitude larger than supported range");
    assertThatThrownBy(() -> Value.N.of("-1e-131"))
        .hasMessage(
            "Number underflow. Attempting to store a number with magnitude smaller than supported range");
  }

  @Test
  void textThatIsNotANumberIsRefused() {
    for (String text : new String[] {"abc", "NaN", "Infinity", " 1", "0x10", ""}) {
      assertThatThrownBy(() -> Value.N.of(text))
          .as(text)
          .hasMessage("A value provided cannot be converted into a number");
    }
  }
}
