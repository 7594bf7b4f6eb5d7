package dev.vsskit.vss.verify.disk;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random read access to the bytes of one file (a VHDX in a Snapshot copy or a clone of it), counting the
 * bytes it reads so deep verify can prove it read metadata, not data.
 */
public interface ByteSource extends AutoCloseable {

    long size() throws IOException;

    /** Reads exactly {@code length} bytes at {@code offset}; past the end is an {@link EOFException}. */
    void read(long offset, byte[] into, int at, int length) throws IOException;

    /** Bytes read so far through this source. */
    long bytesRead();

    @Override
    void close() throws IOException;

    default byte[] read(long offset, int length) throws IOException {
        byte[] b = new byte[length];
        read(offset, b, 0, length);
        return b;
    }

    /** A file opened read-only. */
    static ByteSource open(Path file) throws IOException {
        return new ChannelSource(FileChannel.open(file, StandardOpenOption.READ));
    }

    /** Reads through a file channel, never writing. */
    final class ChannelSource implements ByteSource {
        private final FileChannel channel;
        private long read;

        public ChannelSource(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public void read(long offset, byte[] into, int at, int length) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(into, at, length);
            long p = offset;
            while (b.hasRemaining()) {
                int n = channel.read(b, p);
                if (n < 0) {
                    throw new EOFException("read past the end of the file at offset " + p + " (size " + channel.size()
                            + ")");
                }
                p += n;
                read += n;
            }
        }

        @Override
        public long bytesRead() {
            return read;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
