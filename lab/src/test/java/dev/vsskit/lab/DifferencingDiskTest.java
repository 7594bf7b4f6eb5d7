package dev.vsskit.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.lab.disk.DiskChecks;
import dev.vsskit.lab.internal.GuestDisk;
import dev.vsskit.lab.internal.VhdxWriter;
import dev.vsskit.vss.verify.CheckResult;
import dev.vsskit.vss.verify.CheckStatus;
import dev.vsskit.vss.verify.disk.ByteSource;
import dev.vsskit.vss.verify.disk.Vhdx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An AVHDX (differencing disk) over the lab's guest disk: the parent chain check follows the parent locator,
 * and the guest checks read through the chain, a partially present block sector by sector by its bitmap.
 */
class DifferencingDiskTest {

    static final int MIB = 1 << 20;
    static final UUID PARENT_LOCATOR = UUID.fromString("a8d35f2d-b30b-454d-abf7-d3d84834ab0c");
    static final UUID VHDX_LOCATOR_TYPE = UUID.fromString("b04aefb7-d19e-4a81-b789-25b8e9445913");

    @TempDir
    Path dir;

    @Test
    void aChildWithItsParentPassesAndReadsThroughTheChain() throws IOException {
        Path parent = parent();
        Path child = child(parent, linkage(parent));
        List<CheckResult> f = verify(child);
        assertThat(f).filteredOn(x -> x.name().equals(Vhdx.PARENT)).singleElement()
                .satisfies(x -> {
                    assertThat(x.status()).isEqualTo(CheckStatus.PASS);
                    assertThat(x.evidence()).contains("parent .\\parent.vhdx", "matches");
                });
        assertThat(f).allSatisfy(x -> assertThat(x.status()).as(x.name() + ": " + x.evidence())
                .isEqualTo(CheckStatus.PASS));
        assertThat(f).filteredOn(x -> x.name().equals(Vhdx.METADATA)).singleElement()
                .satisfies(x -> assertThat(x.evidence()).contains("differencing disk"));
    }

    @Test
    void aParentThatChangedOrIsMissingBreaksTheChain() throws IOException {
        Path parent = parent();
        List<CheckResult> wrong = verify(child(parent, "{" + UUID.randomUUID() + "}"));
        assertThat(wrong).filteredOn(x -> x.status() == CheckStatus.FAIL).singleElement().satisfies(x -> {
            assertThat(x.name()).isEqualTo(Vhdx.PARENT);
            assertThat(x.evidence()).contains("the parent changed after the child was made");
        });
        assertThat(wrong).filteredOn(x -> x.name().equals("partition table")).singleElement()
                .satisfies(x -> assertThat(x.status()).isEqualTo(CheckStatus.SKIP));
        Path child = child(parent, linkage(parent));
        Files.delete(parent);
        assertThat(verify(child)).filteredOn(x -> x.status() == CheckStatus.FAIL).singleElement()
                .satisfies(x -> assertThat(x.evidence()).contains("parent .\\parent.vhdx is not in the snapshot"));
    }

    private List<CheckResult> verify(Path child) throws IOException {
        return DiskChecks.of(child, true);
    }

    private Path parent() throws IOException {
        UUID id = UUID.fromString("0f0e0d0c-0b0a-4908-8706-050403020100");
        Path p = dir.resolve("parent.vhdx");
        VhdxWriter.write(p, GuestDisk.forVm(id), id, "test parent");
        return p;
    }

    private static String linkage(Path parent) throws IOException {
        try (ByteSource s = ByteSource.open(parent)) {
            return "{" + Vhdx.inspect(s, "parent", true).activeHeader().orElseThrow().dataWriteGuid() + "}";
        }
    }

    /**
     * The child: the parent's header section and region tables, metadata with HasParent and a VHDX parent
     * locator, a BAT whose block 0 is partially present (only sector 0, a changed MBR disk signature, is the
     * child's; the rest of its payload is 0xEE filler the bitmap hides) and every other block not present.
     */
    private Path child(Path parent, String parentLinkage) throws IOException {
        byte[] p = Files.readAllBytes(parent);
        byte[] c = new byte[6 * MIB];
        System.arraycopy(p, 0, c, 0, 2 * MIB); // headers, region tables, empty log
        ByteBuffer meta = ByteBuffer.wrap(c, 2 * MIB, MIB).slice().order(ByteOrder.LITTLE_ENDIAN);
        meta.put(ByteBuffer.wrap(p, 2 * MIB, MIB)); // the parent's metadata, then amended
        int items = 64 * 1024;
        meta.putInt(items + 4, 2); // HasParent
        meta.putShort(10, (short) 6);
        byte[] locator = locator(parentLinkage);
        int e = 32 + 5 * 32;
        meta.position(e);
        VhdxWriter.putGuid(meta, PARENT_LOCATOR);
        meta.putInt(e + 16, items + 64).putInt(e + 20, locator.length).putInt(e + 24, 4);
        meta.position(items + 64);
        meta.put(locator);
        // BAT: chunk ratio 4096 (512-byte sectors, 1 MiB blocks); 8 data blocks, 1 sector bitmap at index 4096
        ByteBuffer bat = ByteBuffer.wrap(c, 3 * MIB, MIB).slice().order(ByteOrder.LITTLE_ENDIAN);
        bat.putLong(0, (4L << 20) | 7); // block 0 partially present at 4 MiB
        bat.putLong(4096 * 8, (5L << 20) | 6); // its sector bitmap at 5 MiB
        java.util.Arrays.fill(c, 4 * MIB, 5 * MIB, (byte) 0xEE);
        byte[] mbr = java.util.Arrays.copyOfRange(GuestDisk.forVm(UUID.fromString("0f0e0d0c-0b0a-4908-8706-050403020100")),
                0, 512);
        mbr[440] ^= 0x5A;
        System.arraycopy(mbr, 0, c, 4 * MIB, 512);
        c[5 * MIB] = 1; // sector 0 is the child's
        Path out = dir.resolve("child.avhdx");
        Files.write(out, c);
        return out;
    }

    private static byte[] locator(String parentLinkage) {
        String[][] kv = {{"parent_linkage", parentLinkage}, {"relative_path", ".\\parent.vhdx"}};
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        VhdxWriter.putGuid(b, VHDX_LOCATOR_TYPE);
        b.putShort((short) 0).putShort((short) kv.length);
        int strings = 20 + kv.length * 12;
        int at = strings;
        for (String[] pair : kv) {
            byte[] k = pair[0].getBytes(StandardCharsets.UTF_16LE);
            byte[] v = pair[1].getBytes(StandardCharsets.UTF_16LE);
            b.putInt(at).putInt(at + k.length).putShort((short) k.length).putShort((short) v.length);
            int save = b.position();
            b.position(at);
            b.put(k).put(v);
            at = b.position();
            b.position(save);
        }
        return java.util.Arrays.copyOf(b.array(), at);
    }
}
