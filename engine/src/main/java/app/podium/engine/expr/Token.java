package app.podium.engine.expr;

/** One token of an expression, with its place in the source (start inclusive, end exclusive). */
record Token(Kind kind, String text, int start, int end) {
  enum Kind {
    NAME,
    PLACEHOLDER_NAME,
    PLACEHOLDER_VALUE,
    NUMBER,
    LPAREN,
    RPAREN,
    LBRACKET,
    RBRACKET,
    COMMA,
    DOT,
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE,
    PLUS,
    MINUS,
    OTHER,
    EOF
  }

  boolean isKeyword(String keyword) {
    return kind == Kind.NAME && text.equalsIgnoreCase(keyword);
  }

  /** How DynamoDB names the token in a syntax error. */
  String display() {
    return kind == Kind.EOF ? "<EOF>" : text;
  }
}
