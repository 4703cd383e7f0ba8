package app.podium.engine.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens; an unknown character becomes an OTHER token for the parser to
 * refuse.
 */
final class Lexer {
  private Lexer() {}

  static List<Token> tokens(String source) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int length = source.length();
    while (i < length) {
      char c = source.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        i++;
        continue;
      }
      int start = i;
      Token.Kind kind;
      if (isNameStart(c)) {
        i = wordEnd(source, i + 1);
        kind = Token.Kind.NAME;
      } else if (c >= '0' && c <= '9') {
        while (i < length && source.charAt(i) >= '0' && source.charAt(i) <= '9') {
          i++;
        }
        kind = Token.Kind.NUMBER;
      } else if ((c == '#' || c == ':') && i + 1 < length && isWordPart(source.charAt(i + 1))) {
        i = wordEnd(source, i + 1);
        kind = c == '#' ? Token.Kind.PLACEHOLDER_NAME : Token.Kind.PLACEHOLDER_VALUE;
      } else if (c == '<'
          && i + 1 < length
          && (source.charAt(i + 1) == '>' || source.charAt(i + 1) == '=')) {
        kind = source.charAt(i + 1) == '>' ? Token.Kind.NE : Token.Kind.LE;
        i += 2;
      } else if (c == '>' && i + 1 < length && source.charAt(i + 1) == '=') {
        kind = Token.Kind.GE;
        i += 2;
      } else {
        kind =
            switch (c) {
              case '(' -> Token.Kind.LPAREN;
              case ')' -> Token.Kind.RPAREN;
              case '[' -> Token.Kind.LBRACKET;
              case ']' -> Token.Kind.RBRACKET;
              case ',' -> Token.Kind.COMMA;
              case '.' -> Token.Kind.DOT;
              case '=' -> Token.Kind.EQ;
              case '<' -> Token.Kind.LT;
              case '>' -> Token.Kind.GT;
              case '+' -> Token.Kind.PLUS;
              case '-' -> Token.Kind.MINUS;
              default -> Token.Kind.OTHER;
            };
        i += Character.charCount(source.codePointAt(i));
      }
      tokens.add(new Token(kind, source.substring(start, i), start, i));
    }
    tokens.add(new Token(Token.Kind.EOF, "", length, length));
    return tokens;
  }

  private static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isWordPart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }

  private static int wordEnd(String source, int from) {
    int i = from;
    while (i < source.length() && isWordPart(source.charAt(i))) {
      i++;
    }
    return i;
  }
}
