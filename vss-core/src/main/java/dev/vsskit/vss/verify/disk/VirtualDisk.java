package dev.vsskit.vss.verify.disk;

import java.io.IOException;

/** The guest's view of a virtual disk: its bytes by virtual offset, as a restored VM would see them. */
public interface VirtualDisk {

    long size();

    int logicalSectorSize();

    /** Reads {@code length} bytes at virtual offset {@code offset} (unallocated blocks read as zeros or from the parent). */
    void read(long offset, byte[] into, int at, int length) throws IOException;

    default byte[] read(long offset, int length) throws IOException {
        byte[] b = new byte[length];
        read(offset, b, 0, length);
        return b;
    }
}
