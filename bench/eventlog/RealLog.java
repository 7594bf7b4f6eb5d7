import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Builds a large EVTX log from real chunks: `RealLog OUT.evtx MIB DIR|FILE...`. Every chunk of the given
 * samples whose signature and both CRCs are valid is copied, in turn, behind a new file header until the file
 * holds MIB MiB; the header's chunk count and CRC are set. Every reader sees real Windows templates and strings.
 * When libevtx's evtxexport is on the PATH, only chunks it exports without error are used (it gives up on
 * the whole file at the first chunk it cannot read), so that both tools render the same events.
 */
public class RealLog {
    public static void main(String[] a) throws Exception {
        Path out = Path.of(a[0]);
        long want = Long.parseLong(a[1]) << 20;
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 2; i < a.length; i++) {
            Path p = Path.of(a[i]);
            try (Stream<Path> s = Files.isDirectory(p) ? Files.list(p).sorted() : Stream.of(p)) {
                for (Path f : s.filter(x -> x.toString().endsWith(".evtx")).toList()) {
                    byte[] b = Files.readAllBytes(f);
                    for (int c = 4096; c + 65536 <= b.length; c += 65536) {
                        byte[] chunk = java.util.Arrays.copyOfRange(b, c, c + 65536);
                        if (valid(chunk) && peerReads(chunk)) {
                            chunks.add(chunk);
                        }
                    }
                }
            }
        }
        if (chunks.isEmpty()) {
            throw new IllegalStateException("no CRC-valid chunk in " + List.of(a).subList(2, a.length));
        }
        int count = (int) Math.min(65535, (want + 65535) / 65536);
        byte[] h = header(count);
        try (OutputStream o = Files.newOutputStream(out)) {
            o.write(h);
            for (int i = 0; i < count; i++) {
                o.write(chunks.get(i % chunks.size()));
            }
        }
        System.out.printf("%s: %d chunks (%d distinct real chunks), %.1f MB%n", out, count, chunks.size(),
                (4096 + 65536.0 * count) / 1e6);
    }

    static Boolean peer;

    static boolean peerReads(byte[] chunk) throws Exception {
        if (peer == Boolean.FALSE) {
            return true;
        }
        Path tmp = Files.createTempFile("reallog", ".evtx");
        try {
            byte[] h = header(1);
            byte[] f = java.util.Arrays.copyOf(h, 4096 + 65536);
            System.arraycopy(chunk, 0, f, 4096, 65536);
            Files.write(tmp, f);
            Process p;
            try {
                p = new ProcessBuilder("evtxexport", "-f", "xml", tmp.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.PIPE).start();
            } catch (java.io.IOException e) {
                peer = Boolean.FALSE;
                return true;
            }
            String err = new String(p.getErrorStream().readAllBytes());
            return p.waitFor() == 0 && !err.contains("Unable");
        } finally {
            Files.delete(tmp);
        }
    }

    static byte[] header(int count) {
        byte[] h = new byte[4096];
        ByteBuffer le = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        h[0] = 'E'; h[1] = 'l'; h[2] = 'f'; h[3] = 'F'; h[4] = 'i'; h[5] = 'l'; h[6] = 'e';
        le.putLong(8, 0).putLong(16, count - 1).putLong(24, 1).putInt(32, 128).putShort(36, (short) 1)
                .putShort(38, (short) 3).putShort(40, (short) 4096).putShort(42, (short) count).putInt(120, 0);
        CRC32 crc = new CRC32();
        crc.update(h, 0, 120);
        le.putInt(124, (int) crc.getValue());
        return h;
    }

    static boolean valid(byte[] b) {
        if (!(b[0] == 'E' && b[1] == 'l' && b[2] == 'f' && b[3] == 'C' && b[4] == 'h' && b[5] == 'n' && b[6] == 'k')) {
            return false;
        }
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int free = le.getInt(48);
        if (free < 512 || free > 65536) {
            return false;
        }
        CRC32 data = new CRC32();
        data.update(b, 512, free - 512);
        CRC32 head = new CRC32();
        head.update(b, 0, 120);
        head.update(b, 128, 384);
        return (int) data.getValue() == le.getInt(52) && (int) head.getValue() == le.getInt(124);
    }
}
