package dev.vsskit.vss.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path dir;

    private Path tree() throws IOException {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/f.txt"), "x");
        Files.writeString(root.resolve("g.txt"), "y");
        return root;
    }

    @Test
    void deletesATreeAndAnAbsentRootIsAlreadyDone() throws IOException {
        Path root = tree();
        FileTrees.delete(root);
        assertThat(root).doesNotExist();
        FileTrees.delete(root);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aReadOnlyTreeNeedsDeleteReadOnly() throws IOException {
        Path root = tree();
        for (Path p : new Path[] {root.resolve("a/b/f.txt"), root.resolve("a/b"), root.resolve("a")}) {
            p.toFile().setWritable(false, false);
        }
        assumeThat(Files.isWritable(root.resolve("a"))).as("read-only folders are enforced (not root)").isFalse();
        try {
            FileTrees.delete(root);
        } catch (IOException expected) {
            // the strict delete cannot remove files from a read-only folder
        }
        assertThat(root.resolve("a/b/f.txt")).exists();
        FileTrees.deleteReadOnly(root);
        assertThat(root).doesNotExist();
    }

    @Test
    void quietlySaysWhetherAllIsGone() throws IOException {
        Path root = tree();
        root.resolve("a/b").toFile().setWritable(false, false);
        boolean enforced = !Files.isWritable(root.resolve("a/b"));
        assertThat(FileTrees.deleteQuietly(root)).isEqualTo(!enforced);
        root.resolve("a/b").toFile().setWritable(true, true);
        assertThat(FileTrees.deleteQuietly(root)).isTrue();
        assertThat(root).doesNotExist();
    }
}
