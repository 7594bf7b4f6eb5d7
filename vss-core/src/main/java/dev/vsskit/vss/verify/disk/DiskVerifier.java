package dev.vsskit.vss.verify.disk;

import dev.vsskit.vss.verify.CheckResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks one virtual disk file end to end: its VHDX structures, its parent chain (AVHDX), then inside the
 * virtual disk the partition table and every NTFS volume. Reads metadata only.
 */
final class DiskVerifier {

    /** Opens a parent disk named by a parent locator's relative path (relative to the child's folder). */
    @FunctionalInterface
    public interface ParentOpener {
        ByteSource open(String relativePath) throws IOException;
    }

    /** The findings for one disk file and how many bytes were read to reach them. */
    public record DiskResult(String file, List<CheckResult> checks, long bytesRead) {
        public DiskResult {
            checks = List.copyOf(checks);
        }
    }

    static final UUID BASIC_DATA = UUID.fromString("ebd0a0a2-b9e5-4433-87c0-68b6b72699c7");
    private static final int MAX_CHAIN = 16;

    private DiskVerifier() {
    }

    public static DiskResult verify(String file, ByteSource source, boolean applicationConsistent, ParentOpener parents)
            throws IOException {
        List<CheckResult> out = new ArrayList<>();
        List<ByteSource> opened = new ArrayList<>();
        try {
            Vhdx vhdx = Vhdx.inspect(source, file, applicationConsistent);
            out.addAll(vhdx.checks());
            Optional<VirtualDisk> parent = Optional.empty();
            boolean chainOk = true;
            if (vhdx.metadata().isPresent() && vhdx.metadata().get().hasParent()) {
                String[] evidence = new String[1];
                parent = chain(vhdx, parents, applicationConsistent, opened, evidence, 1);
                chainOk = parent.isPresent();
                out.add(chainOk ? CheckResult.pass(Vhdx.PARENT, evidence[0])
                        : CheckResult.fail(Vhdx.PARENT, evidence[0], "A differencing disk needs every parent in its chain,"
                                + " unchanged since the child was made: back up the parent disks with the VM (they are"
                                + " in its folder), or merge the checkpoint, and take a new backup."));
            } else {
                out.add(CheckResult.skip(Vhdx.PARENT, vhdx.metadata().isPresent() ? "not a differencing disk: no parent"
                        : "skipped: the metadata could not be read"));
            }
            Optional<VirtualDisk> disk = chainOk ? vhdx.virtualDisk(parent) : Optional.empty();
            if (disk.isEmpty()) {
                String why = "skipped: the virtual disk cannot be read (" + (chainOk ? "see the VHDX checks"
                        : "its parent chain is broken") + ")";
                out.add(CheckResult.skip(PartitionTable.CHECK, why));
                out.add(CheckResult.skip(Ntfs.BOOT, why));
                out.add(CheckResult.skip(Ntfs.MFT, why));
                out.add(CheckResult.skip(Ntfs.DIRTY, why));
            } else {
                guest(disk.get(), applicationConsistent, out);
            }
            long read = source.bytesRead() + opened.stream().mapToLong(ByteSource::bytesRead).sum();
            return new DiskResult(file, out, read);
        } finally {
            for (ByteSource s : opened) {
                s.close();
            }
        }
    }

    private static void guest(VirtualDisk disk, boolean applicationConsistent, List<CheckResult> out) throws IOException {
        PartitionTable.Result table = PartitionTable.inspect(disk);
        out.add(table.finding());
        int ntfs = 0;
        for (PartitionTable.Partition p : table.partitions()) {
            if (!isNtfs(disk, p)) {
                continue;
            }
            ntfs++;
            for (CheckResult f : Ntfs.inspect(disk, p, applicationConsistent)) {
                out.add(f.named(f.name() + " (partition " + p.number() + ")"));
            }
        }
        if (ntfs == 0) {
            String why = table.partitions().isEmpty() ? "no readable partition" : "no NTFS partition";
            out.add(CheckResult.skip(Ntfs.BOOT, why));
            out.add(CheckResult.skip(Ntfs.MFT, why));
            out.add(CheckResult.skip(Ntfs.DIRTY, why));
        }
    }

    /** NTFS by its boot sector, by its backup boot sector (the primary may be the damaged one), or by MBR type 7. */
    private static boolean isNtfs(VirtualDisk disk, PartitionTable.Partition p) throws IOException {
        if (p.length() < 1024) {
            return false;
        }
        if (Ntfs.looksLikeNtfs(disk, p)) {
            return true;
        }
        byte[] backup = disk.read(p.offset() + p.length() - 512, 512);
        return "NTFS    ".equals(Le.ascii(backup, 3, 8)) || p.type().equals("MBR type 0x07");
    }

    private static Optional<VirtualDisk> chain(Vhdx child, ParentOpener parents, boolean applicationConsistent,
            List<ByteSource> opened, String[] evidence, int depth) throws IOException {
        Vhdx.Metadata m = child.metadata().orElseThrow();
        String path = m.parentLocator().getOrDefault("relative_path", "");
        String linkage = m.parentLocator().getOrDefault("parent_linkage", "");
        if (depth > MAX_CHAIN) {
            evidence[0] = "the chain is deeper than " + MAX_CHAIN + " disks (a loop?)";
            return Optional.empty();
        }
        if (path.isEmpty()) {
            evidence[0] = "the parent locator has no relative_path to find the parent in the snapshot";
            return Optional.empty();
        }
        ByteSource src;
        try {
            src = parents.open(path);
        } catch (IOException e) {
            evidence[0] = "parent " + path + " is not in the snapshot (" + e.getMessage() + ")";
            return Optional.empty();
        }
        opened.add(src);
        Vhdx parent = Vhdx.inspect(src, path, applicationConsistent);
        List<String> bad = parent.checks().stream().filter(f -> f.status() == dev.vsskit.vss.verify.CheckStatus.FAIL)
                .map(f -> f.name() + ": " + f.evidence()).toList();
        if (!bad.isEmpty()) {
            evidence[0] = "parent " + path + " is damaged: " + String.join("; ", bad);
            return Optional.empty();
        }
        String actual = parent.activeHeader().map(h -> "{" + h.dataWriteGuid() + "}").orElse("?");
        if (!actual.equalsIgnoreCase(linkage) && !actual.equalsIgnoreCase("{" + linkage + "}")) {
            evidence[0] = "parent " + path + " has data write GUID " + actual + ", the child expects " + linkage
                    + " (the parent changed after the child was made)";
            return Optional.empty();
        }
        Optional<VirtualDisk> grand = Optional.empty();
        String more = "";
        if (parent.metadata().orElseThrow().hasParent()) {
            String[] e = new String[1];
            grand = chain(parent, parents, applicationConsistent, opened, e, depth + 1);
            if (grand.isEmpty()) {
                evidence[0] = e[0];
                return Optional.empty();
            }
            more = " <- " + e[0];
        }
        evidence[0] = "parent " + path + " (linkage " + linkage + " matches)" + more;
        return parent.virtualDisk(grand);
    }
}
