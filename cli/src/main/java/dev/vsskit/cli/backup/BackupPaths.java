package dev.vsskit.cli.backup;

import dev.vsskit.cli.CliContext;
import dev.vsskit.cli.host.Hosts;
import dev.vsskit.vss.VssHost;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where vsskit keeps what outlives a run: the backup catalog (the lab's {@code catalog/}, or
 * {@code %ProgramData%\vsskit\catalog} on Windows; {@code VSSKIT_CATALOG} overrides) and the config file
 * with the datasets ({@code VSSKIT_CONFIG}, else {@code $XDG_CONFIG_HOME/vsskit/config.json},
 * {@code ~/.config/vsskit/config.json}, or {@code %APPDATA%\vsskit\config.json}).
 */
public final class BackupPaths {

    private BackupPaths() {
    }

    public static Path catalog(CliContext ctx) {
        return catalog(ctx.env(), ctx.host());
    }

    /** The catalog folder for {@code env} and the host (the host's own, e.g. the lab's {@code catalog/}, else ProgramData's). */
    public static Path catalog(Map<String, String> env, VssHost host) {
        String override = env.get("VSSKIT_CATALOG");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return host.catalogFolder().orElseGet(
                () -> Path.of(env.getOrDefault("ProgramData", "C:\\ProgramData"), "vsskit", "catalog"));
    }

    static Path config(CliContext ctx) {
        String env = ctx.env().get("VSSKIT_CONFIG");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        if (Hosts.isWindows(ctx.osName())) {
            String appData = ctx.env().get("APPDATA");
            Path base = appData != null ? Path.of(appData) : ctx.userHome().resolve("AppData/Roaming");
            return base.resolve("vsskit").resolve("config.json");
        }
        String xdg = ctx.env().get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : ctx.userHome().resolve(".config");
        return base.resolve("vsskit").resolve("config.json");
    }
}
