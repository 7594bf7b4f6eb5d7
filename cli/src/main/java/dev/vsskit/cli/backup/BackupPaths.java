package dev.vsskit.cli.backup;

import dev.vsskit.cli.CliContext;
import dev.vsskit.cli.host.Hosts;
import dev.vsskit.lab.LabHost;
import java.nio.file.Path;

/**
 * Where vsskit keeps what outlives a run: the backup catalog (the lab's {@code catalog/}, or
 * {@code %ProgramData%\vsskit\catalog} on Windows; {@code VSSKIT_CATALOG} overrides) and the config file
 * with the datasets ({@code VSSKIT_CONFIG}, else {@code $XDG_CONFIG_HOME/vsskit/config.json},
 * {@code ~/.config/vsskit/config.json}, or {@code %APPDATA%\vsskit\config.json}).
 */
final class BackupPaths {

    private BackupPaths() {
    }

    static Path catalog(CliContext ctx) {
        String env = ctx.env().get("VSSKIT_CATALOG");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        if (ctx.host() instanceof LabHost lab) {
            return lab.dir().resolve("catalog");
        }
        String programData = ctx.env().getOrDefault("ProgramData", "C:\\ProgramData");
        return Path.of(programData, "vsskit", "catalog");
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
