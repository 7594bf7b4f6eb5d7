package dev.vsskit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** vsskit's version, from the build (a filtered resource). */
public final class Version {

    private static String version;

    private Version() {
    }

    public static synchronized String get() {
        if (version == null) {
            // In the shaded jar the manifest has it (already read by the class loader); in tests, the resource.
            String fromManifest = Version.class.getPackage().getImplementationVersion();
            if (fromManifest != null) {
                version = fromManifest;
                return version;
            }
            Properties p = new Properties();
            try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // fall through to "unknown"
            }
            version = p.getProperty("version", "unknown");
        }
        return version;
    }
}
