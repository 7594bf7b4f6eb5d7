package dev.vsskit.lab.disk;

import dev.vsskit.vss.verify.disk.Ntfs;
import dev.vsskit.vss.verify.disk.PartitionTable;
import dev.vsskit.vss.verify.disk.Vhdx;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The disk damage {@code vsskit lab fault disk} can put into a VM's VHDX, and the deep check that must catch it. */
public enum DiskCorruption {
    TORN_HEADER("torn-header", Vhdx.HEADERS, "the active VHDX header's sequence number rewritten without its CRC-32C"),
    BAD_BAT("bad-bat", Vhdx.BAT, "a BAT entry pointing a payload block past the end of the file"),
    LOG_REPLAY("log-replay", Vhdx.LOG, "a valid VHDX log entry that a replay would apply"),
    ZERO_GPT("zero-gpt", PartitionTable.CHECK, "the primary GPT header (LBA 1) zeroed"),
    NTFS_BOOT("ntfs-boot", Ntfs.BOOT, "the NTFS boot sector's OEM id and BIOS parameter block zeroed"),
    NTFS_DIRTY("ntfs-dirty", Ntfs.DIRTY, "the NTFS volume's dirty flag set in $Volume (and $MFTMirr)");

    private final String word;
    private final String check;
    private final String description;

    DiskCorruption(String word, String check, String description) {
        this.word = word;
        this.check = check;
        this.description = description;
    }

    public String word() {
        return word;
    }

    /** The deep verify check that catches it (the NTFS ones carry a " (partition N)" suffix). */
    public String check() {
        return check;
    }

    public String description() {
        return description;
    }

    public static Optional<DiskCorruption> parse(String s) {
        String w = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(c -> c.word.equals(w)).findFirst();
    }

    public static String words() {
        return Arrays.stream(values()).map(DiskCorruption::word).collect(Collectors.joining(", "));
    }
}
