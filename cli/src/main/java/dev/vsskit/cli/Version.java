package dev.vsskit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** vsskit's version, the commit it was built from and the build date, from the build (a filtered resource). */
public final class Version {

    private static String version;
    private static Properties build;

    private Version() {
    }

    /** The version (e.g. {@code 0.1.0}), as the banner prints it. */
    public static synchronized String get() {
        if (version == null) {
            // In the shaded jar the manifest has it (already read by the class loader); in tests, the resource.
            String fromManifest = Version.class.getPackage().getImplementationVersion();
            version = fromManifest != null ? fromManifest : build().getProperty("version", "unknown");
        }
        return version;
    }

    /** The git commit the build was made from ({@code -dirty} when the work tree had changes), or "unknown". */
    public static String commit() {
        return known(build().getProperty("commit"));
    }

    /** The build date: the build's reproducible timestamp ({@code project.build.outputTimestamp}), or "unknown". */
    public static String built() {
        return known(build().getProperty("built"));
    }

    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }

    private static synchronized Properties build() {
        if (build == null) {
            Properties p = new Properties();
            try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // every value reads as "unknown"
            }
            build = p;
        }
        return build;
    }
}
