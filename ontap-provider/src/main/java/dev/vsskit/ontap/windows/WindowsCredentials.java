package dev.vsskit.ontap.windows;

import dev.vsskit.ontap.client.PasswordSource;
import java.nio.file.Path;
import java.util.Locale;

/** Where the Windows credential code meets the rest: the native seam of this process, and the file sources. */
public final class WindowsCredentials {

    private static CredentialNative nativeApi;

    private WindowsCredentials() {
    }

    public static boolean isWindows(String osName) {
        return osName.toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** The real seam; only on Windows (elsewhere there is no Credential Manager and no DPAPI). */
    public static synchronized CredentialNative nativeApi() {
        if (nativeApi == null) {
            if (!isWindows(System.getProperty("os.name", ""))) {
                throw new IllegalStateException("the Windows Credential Manager and DPAPI exist only on Windows (this is "
                        + System.getProperty("os.name") + "); use a credential file or an environment variable");
            }
            nativeApi = new WindowsCredentialNative();
        }
        return nativeApi;
    }

    /** Refuses a credential file unless only its owner, SYSTEM and Administrators may read or change it. */
    public static void checkFileAcl(Path file) {
        CredentialFileAcl.check(file, nativeApi());
    }

    /**
     * The source for a credential file: a DPAPI-protected {@code Export-Clixml} file (read with {@code nativeApi},
     * which is asked for only then) or a plain file with its permission check.
     */
    public static PasswordSource fileSource(Path file, java.util.function.Supplier<CredentialNative> nativeApi,
            String osName) {
        if (PsCredentialXml.looksLikeCliXml(file)) {
            if (!isWindows(osName)) {
                throw new IllegalStateException("the ONTAP credential file " + file + " is a DPAPI-protected PowerShell"
                        + " credential (Export-Clixml): only Windows can decrypt it; use a plain credential file (mode 600)"
                        + " here");
            }
            return new DpapiCredentialFile(file, nativeApi.get());
        }
        return new PasswordSource.CredentialFile(file);
    }
}
