package dev.vsskit.cli.host;

import dev.vsskit.cli.CliContext;
import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.GlobalOptions.HostKind;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.LabInit;
import dev.vsskit.lab.LabLocator;
import dev.vsskit.lab.LabLocator.Location;
import dev.vsskit.vss.VssHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/** Opens the host {@code --host} names: the lab (created on first use of the default folder) or Windows. */
public final class Hosts {

    static final String WINDOWS_HOST_CLASS = "dev.vsskit.vss.windows.WindowsVssHost";

    private Hosts() {
    }

    public static boolean isWindows(String osName) {
        return osName.toLowerCase(Locale.ROOT).startsWith("windows");
    }

    public static VssHost open(CliContext ctx) {
        HostKind kind = ctx.options().host().orElse(isWindows(ctx.osName()) ? HostKind.windows : HostKind.lab);
        return kind == HostKind.windows ? openWindows(ctx) : openLab(ctx);
    }

    /** Where the lab is, by {@code --lab}, {@code VSSKIT_LAB} or the default folder. */
    public static Location locateLab(CliContext ctx) {
        return LabLocator.locate(ctx.options().lab(), ctx.env(), ctx.osName(), ctx.userHome());
    }

    static LabHost openLab(CliContext ctx) {
        Location where = locateLab(ctx);
        Path dir = where.dir();
        if (where.source() == LabLocator.Source.OPTION) {
            if (!Files.isDirectory(dir)) {
                throw new CliException(ExitCode.USAGE, "--lab " + dir + ": no such folder; " + LabInit.howToCreate(dir));
            }
            if (!Files.isRegularFile(dir.resolve(LabInit.LAB_JSON))) {
                throw new CliException(ExitCode.USAGE, "--lab " + dir + " is not a vsskit lab (no "
                        + LabInit.LAB_JSON + "); " + LabInit.howToCreate(dir));
            }
        } else if (!Files.exists(dir.resolve(LabInit.LAB_JSON)) && isAbsentOrEmpty(dir)) {
            LabInit.create(dir, false);
            ctx.note("created the lab at " + dir + " (first use; `vsskit lab init --force` recreates it)");
        }
        return LabHost.open(dir);
    }

    private static boolean isAbsentOrEmpty(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    static VssHost openWindows(CliContext ctx) {
        if (!isWindows(ctx.osName())) {
            throw new CliException(ExitCode.USAGE, "--host windows needs Windows (this is " + ctx.osName()
                    + "); use --host lab");
        }
        try {
            // Loaded by name so that the JNA-based Windows code is never touched on other systems.
            return (VssHost) Class.forName(WINDOWS_HOST_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new CliException(ExitCode.ERROR, "cannot start the Windows host: " + e);
        }
    }
}
