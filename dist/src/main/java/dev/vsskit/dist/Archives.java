package dev.vsskit.dist;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Reproducible archives of a folder: entries in name order, every entry with the same time (the build's
 * {@code project.build.outputTimestamp}), no owner names, file modes from a fixed rule (0755 for the
 * executables named, 0644 otherwise). The bytes depend only on the folder's names and contents and the time.
 */
final class Archives {

    private Archives() {
    }

    /** A file or folder of the archive: its path inside it ({@code vsskit-1.0/lib/vsskit.jar}) and where it is. */
    record Entry(String name, Path file, boolean directory) {
    }

    /** Every folder and file under {@code dir}, named {@code top/relative/path}, folders with a trailing slash, sorted. */
    static List<Entry> entries(Path dir, String top) throws IOException {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(top + "/", dir, true));
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(p -> !p.equals(dir)).toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                boolean isDir = Files.isDirectory(p);
                entries.add(new Entry(top + "/" + rel + (isDir ? "/" : ""), p, isDir));
            }
        }
        entries.sort((a, b) -> a.name().compareTo(b.name()));
        return entries;
    }

    /** A zip for Windows: deflated files, DOS times written as the UTC time (no time-zone dependence). */
    static void zip(List<Entry> entries, Instant time, Path target) throws IOException {
        LocalDateTime local = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
        try (OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Entry e : entries) {
                ZipEntry z = new ZipEntry(e.name());
                z.setTimeLocal(local);
                zip.putNextEntry(z);
                if (!e.directory()) {
                    Files.copy(e.file(), zip);
                }
                zip.closeEntry();
            }
        }
    }

    /** A POSIX (ustar) tar, gzip-compressed: {@code executables} (paths inside {@code top/}) get mode 0755. */
    static void tarGz(List<Entry> entries, String top, Set<String> executables, Instant time, Path target)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(target); GZIPOutputStream gz = new GZIPOutputStream(out)) {
            for (Entry e : entries) {
                String rel = e.name().length() > top.length() + 1 ? e.name().substring(top.length() + 1) : "";
                int mode = e.directory() || executables.contains(rel) ? 0755 : 0644;
                long size = e.directory() ? 0 : Files.size(e.file());
                gz.write(header(e.name(), mode, size, time.getEpochSecond(), e.directory() ? '5' : '0'));
                if (!e.directory()) {
                    Files.copy(e.file(), gz);
                    int pad = (int) ((512 - size % 512) % 512);
                    gz.write(new byte[pad]);
                }
            }
            gz.write(new byte[1024]); // two zero blocks end the archive
        }
    }

    private static byte[] header(String name, int mode, long size, long mtime, char type) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        if (n.length <= 100) {
            System.arraycopy(n, 0, h, 0, n.length);
        } else {
            // ustar: a name longer than 100 bytes is split at a slash into prefix (155) and name (100)
            int slash = name.lastIndexOf('/', name.endsWith("/") ? name.length() - 2 : name.length() - 1);
            byte[] prefix = name.substring(0, slash).getBytes(StandardCharsets.UTF_8);
            byte[] rest = name.substring(slash + 1).getBytes(StandardCharsets.UTF_8);
            if (prefix.length > 155 || rest.length > 100) {
                throw new IllegalArgumentException("path too long for a ustar archive: " + name);
            }
            System.arraycopy(rest, 0, h, 0, rest.length);
            System.arraycopy(prefix, 0, h, 345, prefix.length);
        }
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0); // uid
        octal(h, 116, 8, 0); // gid
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        h[156] = (byte) type;
        byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, h, 257, magic.length);
        for (int i = 148; i < 156; i++) {
            h[i] = ' '; // the checksum is computed with its own field as spaces
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        h[155] = ' ';
        return h;
    }

    /** {@code value} in octal, zero-padded to {@code length - 1} digits, then a NUL. */
    private static void octal(byte[] h, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        if (digits.length() > length - 1) {
            throw new IllegalArgumentException("value too large for a tar header field: " + value);
        }
        String padded = "0".repeat(length - 1 - digits.length()) + digits;
        byte[] b = padded.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, offset, b.length);
        h[offset + length - 1] = 0;
    }
}
