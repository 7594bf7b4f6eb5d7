package dev.vsskit.cli.shadow;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.vss.VssId;

/** Shadow and set ids as options take them; vssadmin's wording when one is malformed. */
final class Ids {

    private Ids() {
    }

    static VssId parse(String option, String text) {
        try {
            return VssId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "invalid " + option + " value '" + text
                    + "': IDs must be entered as {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}");
        }
    }
}
