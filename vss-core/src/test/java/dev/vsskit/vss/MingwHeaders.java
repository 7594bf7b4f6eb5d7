package dev.vsskit.vss;

import java.nio.file.Path;

/**
 * Where the MinGW-w64 VSS headers are: {@code -Dvsskit.mingw.include=DIR}, else Debian's
 * {@code mingw-w64-common} location.
 */
public final class MingwHeaders {

    public static final Path INCLUDE = Path.of(System.getProperty("vsskit.mingw.include",
            "/usr/share/mingw-w64/include"));

    private MingwHeaders() {
    }
}
