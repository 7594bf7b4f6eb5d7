package dev.vsskit.cli.list;

import java.util.Locale;

/**
 * Byte counts as vssadmin prints them: {@code 0 bytes}, {@code 512 bytes}, else three significant digits
 * with a binary unit ({@code 2.06 GB}, {@code 11.8 GB}, {@code 127 GB}), and the share of the volume in
 * whole percent, rounded to nearest ({@code (8%)}).
 */
public final class Sizes {

    private static final String[] UNITS = {"KB", "MB", "GB", "TB", "PB", "EB"};

    private Sizes() {
    }

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        double v = n;
        int unit = -1;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        // Round to three significant digits first: 1023.9 KB must become "1.00 MB", not "1024 KB".
        if (Math.round(v) >= 1000 && v >= 999.5 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        String num;
        if (v < 9.995) {
            num = String.format(Locale.ROOT, "%.2f", v);
        } else if (v < 99.95) {
            num = String.format(Locale.ROOT, "%.1f", v);
        } else {
            num = String.format(Locale.ROOT, "%.0f", v);
        }
        return num + " " + UNITS[unit];
    }

    public static String withPercent(long n, long capacity) {
        long pct = capacity <= 0 ? 0 : Math.round(n * 100.0 / capacity);
        return bytes(n) + " (" + pct + "%)";
    }
}
