package dev.vsskit.eventlog.internal;

/** One compiled BinXml token of a template body (or of raw content). */
final class Op {

    static final byte OPEN = 1;
    static final byte ATTR = 2;
    static final byte TEXT = 3;
    static final byte SUBST = 4;
    static final byte CLOSE_START = 5;
    static final byte CLOSE_EMPTY = 6;
    static final byte END = 7;
    static final byte CDATA = 8;
    static final byte REF = 9;
    static final byte PI = 10;
    static final byte INSTANCE = 11;

    final byte kind;
    String text;       // element/attribute name, literal text, PI target
    String text2;      // PI data
    int index = -1;    // substitution index (SUBST) or sole-substitution index of an element (OPEN)
    int valueType;     // SUBST value type
    boolean optional;  // SUBST: OptionalSubstitution token
    int jump;          // OPEN: index of its CLOSE_EMPTY or END; ATTR: index after its value ops
    Template template; // INSTANCE
    Values values;     // INSTANCE

    Op(byte kind) {
        this.kind = kind;
    }
}
