package dev.vsskit.cli.completion;

/**
 * The names bash completes vsskit under: picocli registers {@code vsskit} (and {@code vsskit.sh}); the README
 * runs the launcher as {@code ./vsskit}, which bash looks up as typed, so it is registered too.
 */
final class LauncherNames {

    static final String LINE = "complete -F _complete_vsskit -o default vsskit vsskit.sh vsskit.bash";

    private LauncherNames() {
    }

    /** The script with {@code ./vsskit} added to its {@code complete} line. */
    static String register(String script) {
        if (!script.contains(LINE)) {
            throw new IllegalStateException("picocli's bash script no longer ends with `" + LINE + "`");
        }
        return script.replace(LINE, LINE + " ./vsskit");
    }
}
