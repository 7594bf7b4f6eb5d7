package dev.vsskit.eventlog.internal;

/**
 * What XML 1.0 accepts as an element or attribute name, and which characters it can carry at all. A damaged
 * string table yields names with '@', NUL or no characters; rendering one would make the output unparseable,
 * so the decoder treats such a name as damage. The check is conservative (ASCII names, an optional
 * {@code prefix:}, letters of the Latin, Greek and Cyrillic blocks): every name Windows writes passes it.
 */
final class XmlNames {

    private XmlNames() {
    }

    static boolean isName(String s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        int colon = s.indexOf(':');
        if (colon >= 0) {
            return colon > 0 && colon < n - 1 && s.indexOf(':', colon + 1) < 0 && isNcName(s, 0, colon)
                    && isNcName(s, colon + 1, n);
        }
        return isNcName(s, 0, n);
    }

    private static boolean isNcName(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean start = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || letter(c);
            if (!start && (i == from || !(c >= '0' && c <= '9' || c == '-' || c == '.'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean letter(char c) {
        return c >= 0xC0 && c <= 0x4FF && c != 0xD7 && c != 0xF7 && Character.isLetter(c);
    }

    /** True for a character XML 1.0 allows in a document (as text or through a character reference). */
    static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0xD7FF || cp >= 0xE000 && cp <= 0xFFFD
                || cp >= 0x10000 && cp <= 0x10FFFF;
    }

    /** {@code s} without the characters XML 1.0 cannot carry (controls, lone surrogates, U+FFFE/FFFF → U+FFFD). */
    static String chars(String s) {
        StringBuilder sb = null;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            boolean ok;
            char with = 0;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1));
                if (ok) {
                    if (sb != null) {
                        sb.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
                with = '\uFFFD';
            } else if (Character.isLowSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                ok = false;
                with = '\uFFFD';
            } else {
                ok = isXmlChar(c);
            }
            if (ok) {
                if (sb != null) {
                    sb.append(c);
                }
            } else {
                if (sb == null) {
                    sb = new StringBuilder(n).append(s, 0, i);
                }
                if (with != 0) {
                    sb.append(with);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}
