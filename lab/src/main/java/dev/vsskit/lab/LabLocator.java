package dev.vsskit.lab;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the lab folder: {@code --lab DIR} first, then {@code $VSSKIT_LAB}, then the user's data folder
 * ({@code $XDG_DATA_HOME/vsskit/lab} or {@code ~/.local/share/vsskit/lab} on Linux,
 * {@code ~/Library/Application Support/vsskit/lab} on macOS, {@code %LOCALAPPDATA%\vsskit\lab} on Windows).
 * Pure: the environment, OS name and home folder are passed in, so tests never touch the real home.
 */
public final class LabLocator {

    public static final String ENV_LAB = "VSSKIT_LAB";

    /** Where the folder came from: an explicit choice must exist already, the default is created on first use. */
    public enum Source { OPTION, ENVIRONMENT, DEFAULT }

    public record Location(Path dir, Source source) {
        public Location {
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(source, "source");
        }
    }

    private LabLocator() {
    }

    public static Location locate(Optional<Path> labOption, Map<String, String> env, String osName, Path userHome) {
        if (labOption.isPresent()) {
            return new Location(labOption.get().toAbsolutePath().normalize(), Source.OPTION);
        }
        String fromEnv = env.get(ENV_LAB);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Location(Path.of(fromEnv).toAbsolutePath().normalize(), Source.ENVIRONMENT);
        }
        return new Location(defaultDir(env, osName, userHome), Source.DEFAULT);
    }

    /** The current process's view: real environment, {@code os.name} and {@code user.home}. */
    public static Location locate(Optional<Path> labOption) {
        return locate(labOption, System.getenv(), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home", ".")));
    }

    static Path defaultDir(Map<String, String> env, String osName, Path userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local != null && !local.isBlank() ? Path.of(local) : userHome.resolve("AppData").resolve("Local");
            return base.resolve("vsskit").resolve("lab").toAbsolutePath();
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return userHome.resolve("Library").resolve("Application Support").resolve("vsskit").resolve("lab")
                    .toAbsolutePath();
        }
        String xdg = env.get("XDG_DATA_HOME");
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : userHome.resolve(".local").resolve("share");
        return base.resolve("vsskit").resolve("lab").toAbsolutePath();
    }
}
