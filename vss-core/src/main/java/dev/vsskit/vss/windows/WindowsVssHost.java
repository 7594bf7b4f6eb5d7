package dev.vsskit.vss.windows;

import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.Win32Exception;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.ShadowStorage;
import dev.vsskit.vss.Volume;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssHost;
import dev.vsskit.vss.Writer;
import java.util.List;

/**
 * The real Windows machine, read side. Providers come from the registry; writers, volumes, shadows and
 * shadow storage need the COM binding (IVssBackupComponents / IVssAdmin, slots in
 * {@code dev.vsskit.vss.com.VtableSlots}), which is not written yet: they fail with a clear message.
 * Loaded by name only on Windows ({@code Class.forName}), so JNA is never touched elsewhere.
 */
public final class WindowsVssHost implements VssHost {

    @Override
    public String computerName() {
        try {
            return Kernel32Util.getComputerName();
        } catch (Win32Exception | UnsatisfiedLinkError e) {
            return System.getenv().getOrDefault("COMPUTERNAME", "localhost");
        }
    }

    @Override
    public List<Provider> providers() {
        try {
            return WindowsProviderRegistry.read().providers();
        } catch (Win32Exception e) {
            throw new VssException(HResult.VSS_E_UNEXPECTED, "cannot read the VSS provider registrations under HKLM\\"
                    + dev.vsskit.vss.ProviderRegistrations.KEY + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Writer> writers() {
        throw notYet("list writers");
    }

    @Override
    public List<Volume> volumes() {
        throw notYet("list volumes");
    }

    @Override
    public List<Shadow> shadows() {
        throw notYet("list shadows");
    }

    @Override
    public List<ShadowStorage> shadowStorage() {
        throw notYet("list shadowstorage");
    }

    /** IVssBackupComponents::ExposeSnapshot (slot {@code EXPOSE_SNAPSHOT}), once the binding is written. */
    @Override
    public String exposeShadow(dev.vsskit.vss.VssId shadowId, java.nio.file.Path at) {
        throw notYet("expose", "diskshadow's expose");
    }

    /** Removing the mount point ExposeSnapshot made, once the binding is written. */
    @Override
    public void unexposeShadow(java.nio.file.Path at) {
        throw notYet("unexpose", "diskshadow's unexpose");
    }

    /** IVssBackupComponents::RevertToSnapshot (slot {@code REVERT_TO_SNAPSHOT}), once the binding is written. */
    @Override
    public void revertToShadow(dev.vsskit.vss.VssId shadowId) {
        throw notYet("revert", "diskshadow's revert");
    }

    private static VssException notYet(String verb) {
        return notYet(verb, "vssadmin " + verb);
    }

    private static VssException notYet(String verb, String instead) {
        return new VssException(HResult.VSS_E_UNEXPECTED, "`" + verb + "` is not yet available on Windows in this "
                + "vsskit version (only `list providers` is); run " + instead + " or use --host lab");
    }
}
