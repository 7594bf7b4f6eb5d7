package dev.vsskit.eventlog;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared sample corpus: {@code <repo>/../shared/evtx-samples}. */
final class Samples {

    /**
     * The Python that has Debian's python3-evtx: {@code -Dvsskit.python=PATH}, else {@code /usr/bin/python3}
     * (a python3 earlier on PATH, e.g. pyenv's, does not have the {@code Evtx} module).
     */
    static final String PYTHON = System.getProperty("vsskit.python", "/usr/bin/python3");


    private Samples() {
    }

    static Path repoRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        // Surefire runs in the module directory; the repo root is the first parent with a reactor pom.
        Path p = dir;
        while (p != null) {
            if (Files.isDirectory(p.resolve("eventlog")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
            p = p.getParent();
        }
        return dir.getParent();
    }

    /**
     * {@code <repo>/../shared/evtx-samples}; in a git worktree nested one level deeper (as the team's
     * a git worktree kept outside the repository), the same folder found from a further ancestor.
     */
    static Path dir() {
        Path primary = repoRoot().resolve("../shared/evtx-samples").normalize();
        for (Path p = repoRoot().getParent(); p != null && !Files.isDirectory(primary); p = p.getParent()) {
            Path candidate = p.resolve("shared/evtx-samples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return primary;
    }

    static boolean present() {
        return Files.isDirectory(dir());
    }

    static Path file(String name) {
        return dir().resolve(name);
    }
}
