package dev.vsskit.ontap;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Windows disk ↔ ONTAP LUN identity. Clustered ONTAP's VPD page 0x83 NAA designator is
 * {@code 600a0980} followed by the hex of the 12 ASCII characters of the LUN serial number (page 0x80);
 * 7-Mode LUNs use {@code 60a98000}. Linux multipath prefixes the NAA type digit {@code 3}; Windows shows
 * the NAA in upper case; both are accepted.
 */
public final class LunIds {

    public static final String CLUSTERED_PREFIX = "600a0980";
    public static final String SEVEN_MODE_PREFIX = "60a98000";
    public static final String NETAPP_VENDOR = "NETAPP";

    private LunIds() {
    }

    /** {@code 600a0980} + lower-case hex of the serial's ASCII bytes (32 hex digits). */
    public static String naaFromSerial(String serial) {
        checkSerial(serial);
        return CLUSTERED_PREFIX + HexFormat.of().formatHex(serial.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The LUN serial number inside a NetApp NAA id ({@code 600a0980...}, {@code 60a98000...},
     * optionally prefixed {@code naa.} or {@code 3}, any case).
     */
    public static String serialFromNaa(String naa) {
        String n = naa.trim().toLowerCase(Locale.ROOT);
        if (n.startsWith("naa.")) {
            n = n.substring(4);
        }
        if (n.length() == 33 && n.startsWith("3")) {
            n = n.substring(1);
        }
        if (n.length() != 32 || !(n.startsWith(CLUSTERED_PREFIX) || n.startsWith(SEVEN_MODE_PREFIX))) {
            throw new IllegalArgumentException("not a NetApp LUN NAA id: '" + naa
                    + "' (expected 600a0980 or 60a98000 followed by 24 hex digits)");
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(n.substring(8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a NetApp LUN NAA id: '" + naa + "' (non-hex digits)");
        }
        for (byte b : bytes) {
            if (b < 0x21 || b > 0x7e) {
                throw new IllegalArgumentException("not a NetApp LUN NAA id: '" + naa
                        + "' (the serial part is not printable ASCII)");
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** Whether an NAA id names a NetApp LUN (either prefix). */
    public static boolean isNetAppNaa(String naa) {
        try {
            serialFromNaa(naa);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static void checkSerial(String serial) {
        if (serial.length() != 12 || !serial.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new IllegalArgumentException("an ONTAP LUN serial number is 12 printable ASCII characters, got '"
                    + serial + "'");
        }
    }
}
