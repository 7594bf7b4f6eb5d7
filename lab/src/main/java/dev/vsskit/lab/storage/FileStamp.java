package dev.vsskit.lab.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the store compares to notice a change made outside it: size, mtime, ctime (where the OS has one), identity. */
record FileStamp(long size, long mtimeNanos, long ctimeNanos, String fileKey) {

    private static final boolean UNIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews()
            .contains("unix");

    static FileStamp of(Path file) throws IOException {
        if (UNIX) {
            Map<String, Object> a = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino,dev",
                    LinkOption.NOFOLLOW_LINKS);
            return new FileStamp((Long) a.get("size"), nanos((FileTime) a.get("lastModifiedTime")),
                    nanos((FileTime) a.get("ctime")), a.get("dev") + ":" + a.get("ino"));
        }
        BasicFileAttributes b = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Object key = b.fileKey();
        return new FileStamp(b.size(), nanos(b.lastModifiedTime()), 0L, key == null ? "" : key.toString());
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }

    boolean sameAs(long otherSize, long otherMtime, long otherCtime, String otherKey) {
        return size == otherSize && mtimeNanos == otherMtime && ctimeNanos == otherCtime && fileKey.equals(otherKey);
    }
}
