package app.podium.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientKeyTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      # IPv4, as CloudFront sends it (IP:port) and bare (hand-sent to the local stack)
      198.51.100.7:46532                          | 198.51.100.7
      198.51.100.7:0                              | 198.51.100.7
      198.51.100.7:65535                          | 198.51.100.7
      198.51.100.7                                | 198.51.100.7
      0.0.0.0                                     | 0.0.0.0
      # IPv6 as CloudFront sends it: unbracketed, the port after the last colon
      2001:db8::1:46532                           | 2001:db8::/64
      2001:db8:5ec::1:443                         | 2001:db8:5ec::/64
      2001:db8:5ec:7:1:2:3:4:46532                | 2001:db8:5ec:7::/64
      # bracketed, with and without a port
      [2001:db8::1]:46532                         | 2001:db8::/64
      [2001:db8:5ec::1]                           | 2001:db8:5ec::/64
      # bare: eight groups cannot be followed by a port, the last group is the address's
      2001:db8:5ec:7:1:2:3:4                      | 2001:db8:5ec:7::/64
      2001:db8::1                                 | 2001:db8::/64
      ::1                                         | ::/64
      ::                                          | ::/64
      # one /64 whatever the form: case, leading zeros, compression, the host half
      2001:DB8:5EC::1                             | 2001:db8:5ec::/64
      2001:db8:5ec:0:ffff::9                      | 2001:db8:5ec::/64
      2001:0db8:05ec:0000:0000:0000:0000:0001     | 2001:db8:5ec::/64
      [2001:0DB8:05EC::abcd]:1                    | 2001:db8:5ec::/64
      2001:0:0:1::5                               | 2001:0:0:1::/64
      0:0:0:0:1:2:3:4                             | ::/64
      fe80:0:0:1::                                | fe80:0:0:1::/64
      # the last group could be a port or the address's: read as CloudFront writes it (address then port) ...
      2001:db8::7:1:2:3:4                         | 2001:db8::/64
      # ... unless it cannot be a port (not decimal, or over 65535 as a number) ...
      2001:db8::7:1:2:3:abcd                      | 2001:db8:0:7::/64
      2001:db8::7:1:2:3:0443                      | 2001:db8:0:7::/64
      # ... or what is left is no address; brackets say which is meant
      [2001:db8::7:1:2:3:4]                       | 2001:db8:0:7::/64
      [2001:db8::7:1:2:3]:4                       | 2001:db8::/64
      # an address that ends in :: followed by its port
      2001:db8:::46532                            | 2001:db8::/64
      # IPv4-mapped IPv6 is the IPv4 client, in every form
      ::ffff:198.51.100.7                         | 198.51.100.7
      ::ffff:198.51.100.7:46532                   | 198.51.100.7
      [::ffff:198.51.100.7]:46532                 | 198.51.100.7
      [::FFFF:c633:6407]                          | 198.51.100.7
      0:0:0:0:0:ffff:c633:6407:443                | 198.51.100.7
      # not an address (only possible off the CDN): the value as sent
      unknown                                     | unknown
      198.51.100                                  | 198.51.100
      198.51.100.256                              | 198.51.100.256
      198.51.100.07                               | 198.51.100.07
      198.51.100.7.1                              | 198.51.100.7.1
      198.51.100.7:65536                          | 198.51.100.7:65536
      198.51.100.7:                               | 198.51.100.7:
      [198.51.100.7]:443                          | [198.51.100.7]:443
      2001:db8::1::2                              | 2001:db8::1::2
      2001:db8::::1                               | 2001:db8::::1
      :1:2:3:4:5:6:7                              | :1:2:3:4:5:6:7
      2001:db8::12345                             | 2001:db8::12345
      1:2:3:4:5:6:7:8:9:10                        | 1:2:3:4:5:6:7:8:9:10
      fe80::1%eth0                                | fe80::1%eth0
      [2001:db8::1                                | [2001:db8::1
      [2001:db8::1]x                              | [2001:db8::1]x
      [2001:db8::1]:99999                         | [2001:db8::1]:99999
      2001:db8::g                                 | 2001:db8::g
      ::1.2.3                                     | ::1.2.3
      1.2.3.4::                                   | 1.2.3.4::
      """)
  void eachFormNamesItsClient(String sent, String client) {
    assertThat(ClientKey.of(sent)).isEqualTo(client);
  }

  @Test
  void onlyAsciiDigitsCount() {
    // Character.digit would read these as 1 and 3: an address nobody can connect from, so the value
    // as sent
    assertThat(ClientKey.of("\uFF11.2.3.4")).isEqualTo("\uFF11.2.3.4");
    assertThat(ClientKey.of("2001:db8::\u0663")).isEqualTo("2001:db8::\u0663");
    assertThat(ClientKey.of("198.51.100.7:4\u0663")).isEqualTo("198.51.100.7:4\u0663");
  }

  @Test
  void surroundingWhitespaceIsIgnored() {
    assertThat(ClientKey.of("  198.51.100.7:46532 ")).isEqualTo("198.51.100.7");
    assertThat(ClientKey.of("\t2001:db8::1:46532\n")).isEqualTo("2001:db8::/64");
  }

  @Test
  void theConnectionsAddressCountsWhenNoViewerAddressIsSentAndGoesThroughTheSameReading() {
    assertThat(ClientKey.of("2001:db8:5ec::1:443", "203.0.113.9")).isEqualTo("2001:db8:5ec::/64");
    assertThat(ClientKey.of(null, "203.0.113.9")).isEqualTo("203.0.113.9");
    assertThat(ClientKey.of("  ", "2001:db8:5ec::9")).isEqualTo("2001:db8:5ec::/64");
    assertThat(ClientKey.of("", "::ffff:203.0.113.9")).isEqualTo("203.0.113.9");
    assertThat(ClientKey.of(null, null)).isEqualTo("unknown");
  }

  @Test
  void aLongValueIsKeptWholeForTheLimiterToDigest() {
    String forged = "x".repeat(3000);
    assertThat(ClientKey.of(forged)).isEqualTo(forged);
  }
}
