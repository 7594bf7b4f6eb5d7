package dev.vsskit.lab.windows;

import dev.vsskit.lab.LabHost;
import dev.vsskit.vss.windows.WindowsVssHost;
import java.nio.file.Path;
import java.util.Set;

/**
 * A lab served as native COM objects with the binding's {@link WindowsVssHost} over it: what the tests of the
 * Windows code path open. Closing checks the requester ({@link ServedVss#problems()}, COM on the one COM thread)
 * and fails naming what it did wrong.
 */
public final class ServedLab implements AutoCloseable {

    private final LabHost lab;
    private final ServedVss vss;
    private final WindowsVssHost windows;

    private ServedLab(LabHost lab) {
        this.lab = lab;
        this.vss = new ServedVss(lab);
        this.windows = new WindowsVssHost(vss, ServedVss.TEST_TIMING);
    }

    /** Opens the lab at {@code labDir} and serves it. */
    public static ServedLab open(Path labDir) {
        return new ServedLab(LabHost.open(labDir));
    }

    /** Opens node {@code node} of the lab's cluster at {@code labDir} and serves it. */
    public static ServedLab open(Path labDir, String node) {
        return new ServedLab(LabHost.open(labDir, node));
    }

    public LabHost lab() {
        return lab;
    }

    public ServedVss vss() {
        return vss;
    }

    public WindowsVssHost windows() {
        return windows;
    }

    /** Closes the Windows host and the lab; an {@link IllegalStateException} if the requester broke a rule. */
    @Override
    public void close() {
        windows.close();
        lab.close();
        if (!vss.problems().isEmpty()) {
            throw new IllegalStateException("the requester broke the rules: " + vss.problems());
        }
        if (!vss.threads().equals(Set.of("vsskit-com"))) {
            throw new IllegalStateException("COM was called on " + vss.threads() + ", not only on vsskit-com");
        }
    }
}
