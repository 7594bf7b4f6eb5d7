package dev.vsskit.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The archives `package` made (failsafe passes their folder and the version), read as a user's tools read them. */
final class ReleaseFiles {

    private ReleaseFiles() {
    }

    static String version() {
        String v = System.getProperty("vsskit.version");
        assertThat(v).as("run through failsafe (mvn verify), which passes vsskit.version").isNotBlank();
        return v;
    }

    static String top() {
        return "vsskit-" + version();
    }

    /** target/ of dist, where the archives are. */
    static Path target() {
        Path staged = Path.of(System.getProperty("vsskit.release", "target/" + top()));
        return staged.toAbsolutePath().getParent();
    }

    static Path zip() {
        Path z = target().resolve(top() + ".zip");
        assertThat(z).as("run `mvn package` first").isRegularFile();
        return z;
    }

    static Path tarGz() {
        Path t = target().resolve(top() + ".tar.gz");
        assertThat(t).as("run `mvn package` first").isRegularFile();
        return t;
    }

    /** A file of an archive: its bytes and, for tar, its mode. */
    record Item(byte[] bytes, int mode) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The files of the zip (folders left out), by name. */
    static Map<String, Item> readZip(Path zip) throws IOException {
        Map<String, Item> items = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                if (!e.isDirectory()) {
                    items.put(e.getName(), new Item(in.readAllBytes(), -1));
                }
            }
        }
        return items;
    }

    /** The files of the tar.gz (folders left out), by name, read from the ustar headers. */
    static Map<String, Item> readTarGz(Path tgz) throws IOException {
        Map<String, Item> items = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512) {
                String name = field(header, 0, 100);
                if (name.isEmpty()) {
                    break; // the end-of-archive blocks
                }
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                int mode = Integer.parseInt(field(header, 100, 8).trim(), 8);
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                byte[] body = in.readNBytes((int) size);
                in.readNBytes((int) ((512 - size % 512) % 512));
                if (header[156] == '0') {
                    items.put(name, new Item(body, mode));
                }
            }
        }
        return items;
    }

    private static String field(byte[] h, int offset, int length) {
        int end = offset;
        while (end < offset + length && h[end] != 0) {
            end++;
        }
        return new String(h, offset, end - offset, StandardCharsets.UTF_8);
    }

    record Proc(int exit, String out, String err) {
    }

    /** Runs {@code command} in {@code dir} with exactly {@code env}; stderr is read from a temporary file. */
    static Proc run(Path dir, Map<String, String> env, String... command) throws Exception {
        Path err = Files.createTempFile("vsskit-release-it", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            p.getInputStream().transferTo(out);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished: " + String.join(" ", command)).isTrue();
            return new Proc(p.exitValue(), out.toString(StandardCharsets.UTF_8), Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    static String javaHome() {
        return System.getProperty("java.home");
    }
}
