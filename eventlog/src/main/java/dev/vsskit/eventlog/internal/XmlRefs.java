package dev.vsskit.eventlog.internal;

/** Resolves the character and entity references a BinXml CharRef/EntityRef token stands for. */
final class XmlRefs {

    private XmlRefs() {
    }

    static String unescape(String ref) {
        if (ref.startsWith("&#") && ref.endsWith(";")) {
            try {
                int cp = ref.startsWith("&#x") ? Integer.parseInt(ref.substring(3, ref.length() - 1), 16)
                        : Integer.parseInt(ref.substring(2, ref.length() - 1));
                return new String(Character.toChars(cp));
            } catch (IllegalArgumentException e) {
                return ref;
            }
        }
        return switch (ref) {
            case "&amp;" -> "&";
            case "&lt;" -> "<";
            case "&gt;" -> ">";
            case "&quot;" -> "\"";
            case "&apos;" -> "'";
            default -> ref;
        };
    }
}
