package dev.vsskit.ontap.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import dev.vsskit.ontap.windows.WindowsCredentials;

/**
 * Where the ONTAP password comes from: an environment variable, a credential file that only its owner can
 * read, or an interactive prompt that the CLI supplies; on Windows also the Credential Manager and a
 * DPAPI-protected {@code Export-Clixml} file (in {@code dev.vsskit.ontap.windows}). There is deliberately no
 * way to pass the password itself as a setting or command-line argument.
 */
public interface PasswordSource {

    /** Reads the password; the caller wipes the array after use. */
    char[] password();

    /** The ONTAP user stored with the password, "" when the source holds none. */
    default String user() {
        return "";
    }

    /** Where it comes from, for messages (never the password). */
    String describe();

    /** The password is the value of the environment variable {@code name}. */
    record EnvironmentVariable(String name, Map<String, String> environment) implements PasswordSource {
        public EnvironmentVariable {
            Objects.requireNonNull(name, "name");
            environment = Map.copyOf(environment);
        }

        public static EnvironmentVariable of(String name) {
            return new EnvironmentVariable(name, System.getenv());
        }

        @Override
        public char[] password() {
            String v = environment.get(name);
            if (v == null || v.isEmpty()) {
                throw new IllegalStateException("the ONTAP password variable " + name
                        + " is not set; export it, or use a credential file");
            }
            return v.toCharArray();
        }

        @Override
        public String describe() {
            return "environment variable " + name;
        }

        /** Never the environment's values: one of them is the password. */
        @Override
        public String toString() {
            return "EnvironmentVariable[" + name + "]";
        }
    }

    /**
     * A credential file: either a single line holding the password, or {@code key=value} lines with a
     * {@code password=} entry (and optionally {@code user=}). On POSIX systems the file must not be
     * readable or writable by group or others; on Windows its ACL may let only its owner, SYSTEM and
     * Administrators read or change it.
     */
    record CredentialFile(Path file) implements PasswordSource {
        public CredentialFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public char[] password() {
            return entries().password().toCharArray();
        }

        /** The user named in the file, or "" when it names none. */
        @Override
        public String user() {
            return entries().user();
        }

        private record Entries(String user, String password) {
        }

        private Entries entries() {
            checkPermissions(file);
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the ONTAP credential file " + file + ": " + e.getMessage());
            }
            String user = "";
            String password = null;
            String[] lines = text.split("\\R");
            if (lines.length >= 1 && !lines[0].contains("=") && (lines.length == 1 || lines[1].isBlank())) {
                password = lines[0];
            } else {
                for (String line : lines) {
                    int eq = line.indexOf('=');
                    if (line.isBlank() || line.startsWith("#") || eq < 0) {
                        continue;
                    }
                    String key = line.substring(0, eq).trim();
                    String value = line.substring(eq + 1);
                    if (key.equals("user")) {
                        user = value.trim();
                    } else if (key.equals("password")) {
                        password = value;
                    }
                }
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalStateException("the ONTAP credential file " + file
                        + " holds no password (write 'password=...' in it)");
            }
            return new Entries(user, password);
        }

        @Override
        public String describe() {
            return "credential file " + file;
        }

        /** Refuses a credential file that group or others (on Windows: anyone but owner, SYSTEM, Administrators) can read or write. */
        public static void checkPermissions(Path file) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("the ONTAP credential file " + file + " does not exist");
            }
            if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                WindowsCredentials.checkFileAcl(file);
                return;
            }
            Set<PosixFilePermission> perms;
            try {
                perms = Files.getPosixFilePermissions(file);
            } catch (IOException e) {
                throw new IllegalStateException("cannot check the permissions of " + file + ": " + e.getMessage());
            }
            Set<PosixFilePermission> open = EnumSet.of(PosixFilePermission.GROUP_READ,
                    PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
            open.retainAll(perms);
            if (!open.isEmpty()) {
                throw new IllegalStateException("the ONTAP credential file " + file
                        + " can be read or written by other users; run: chmod 600 " + file);
            }
        }
    }

    /** Asks the user (the CLI supplies the prompt; engines never read the terminal themselves). */
    record Prompt(Supplier<char[]> prompt) implements PasswordSource {
        public Prompt {
            Objects.requireNonNull(prompt, "prompt");
        }

        @Override
        public char[] password() {
            char[] p = prompt.get();
            if (p == null || p.length == 0) {
                throw new IllegalStateException("no ONTAP password was entered");
            }
            return p;
        }

        @Override
        public String describe() {
            return "interactive prompt";
        }
    }
}
