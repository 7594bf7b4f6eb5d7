package dev.vsskit.vss.verify.disk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.vss.verify.CheckStatus;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** MBR disks (GPT disks are checked against sgdisk in the lab's GuestDiskOracleTest). */
class PartitionTableTest {

    static VirtualDisk disk(byte[] bytes) {
        return new VirtualDisk() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public int logicalSectorSize() {
                return 512;
            }

            @Override
            public void read(long offset, byte[] into, int at, int length) {
                System.arraycopy(bytes, (int) offset, into, at, length);
            }
        };
    }

    static byte[] mbr(long first, long count) {
        byte[] d = new byte[4 << 20];
        d[446 + 4] = 0x07;
        Le.put32(d, 446 + 8, first);
        Le.put32(d, 446 + 12, count);
        d[510] = 0x55;
        d[511] = (byte) 0xAA;
        return d;
    }

    @Test
    void anMbrWithOnePartitionInsideTheDiskPasses() throws IOException {
        PartitionTable.Result r = PartitionTable.inspect(disk(mbr(2048, 4096)));
        assertThat(r.finding().status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.finding().evidence()).isEqualTo("MBR with 1 partition(s): #1 at 1048576 (2 MiB, MBR type 0x07)");
        assertThat(r.partitions()).singleElement().satisfies(p -> assertThat(p.length()).isEqualTo(2 << 20));
    }

    @Test
    void aPartitionPastTheEndOrNoSignatureFails() throws IOException {
        assertThat(PartitionTable.inspect(disk(mbr(2048, 1 << 20))).finding()).satisfies(f -> {
            assertThat(f.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(f.evidence()).contains("entry 1 (type 0x7) spans LBA 2048+1048576, outside the disk");
        });
        byte[] blank = new byte[4 << 20];
        assertThat(PartitionTable.inspect(disk(blank)).finding().evidence())
                .startsWith("neither a GPT nor an MBR");
    }
}
