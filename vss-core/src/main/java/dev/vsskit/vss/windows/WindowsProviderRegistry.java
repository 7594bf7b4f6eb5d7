package dev.vsskit.vss.windows;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinReg;
import dev.vsskit.vss.ProviderRegistrations;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the VSS provider registrations from the Windows registry through jna-platform. Windows only. */
final class WindowsProviderRegistry {

    private WindowsProviderRegistry() {
    }

    static ProviderRegistrations.Result read() {
        WinReg.HKEY hklm = WinReg.HKEY_LOCAL_MACHINE;
        Map<String, Map<String, Object>> subkeys = new LinkedHashMap<>();
        if (Advapi32Util.registryKeyExists(hklm, ProviderRegistrations.KEY)) {
            for (String key : Advapi32Util.registryGetKeys(hklm, ProviderRegistrations.KEY)) {
                subkeys.put(key, Advapi32Util.registryGetValues(hklm, ProviderRegistrations.KEY + "\\" + key));
            }
        }
        return ProviderRegistrations.parse(subkeys);
    }
}
