package dev.vsskit.cli;

/** Looks at raw arguments before parsing, for what must hold even when parsing fails. */
final class ArgScan {

    private ArgScan() {
    }

    /** True when the arguments ask for JSON output, so a usage error is reported as JSON too. */
    static boolean wantsJson(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return false;
            }
            if ((a.equals("--output") || a.equals("-o")) && i + 1 < args.length) {
                if (args[i + 1].equalsIgnoreCase("json")) {
                    return true;
                }
            } else if (a.equalsIgnoreCase("--output=json") || a.equalsIgnoreCase("-o=json") || a.equalsIgnoreCase("-ojson")) {
                return true;
            }
        }
        return false;
    }
}
