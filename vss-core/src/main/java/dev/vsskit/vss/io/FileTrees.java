package dev.vsskit.vss.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deleting a folder and everything below it, children before parents, the one way vsskit does it. What is
 * already gone (an absent root, a file another process removed meanwhile) counts as deleted. The three
 * entry points differ on purpose, each for its callers:
 *
 * <ul>
 *   <li>{@link #delete}: any other failure is an error (a lab store's snapshot, a release's staging folder);
 *   <li>{@link #deleteReadOnly}: the same for a tree whose files were made read-only (an exposed shadow copy),
 *       made writable first;
 *   <li>{@link #deleteQuietly}: best effort, never throws (debris such as a {@code *.tmp~} staging folder,
 *       harmless and named as such if it stays; a folder a concurrent writer just added to is left for the next
 *       attempt).
 * </ul>
 */
public final class FileTrees {

    private FileTrees() {
    }

    /** Deletes {@code root} and all below it; a failure other than "already gone" throws. */
    public static void delete(Path root) throws IOException {
        for (Path p : bottomUp(root)) {
            Files.deleteIfExists(p);
        }
    }

    /** As {@link #delete}, for a tree whose files and folders may be read-only: makes them writable first. */
    public static void deleteReadOnly(Path root) throws IOException {
        List<Path> paths = bottomUp(root);
        for (Path p : paths) {
            p.toFile().setWritable(true, true);
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }

    /**
     * Deletes what it can of {@code root} and returns whether all of it is gone; never throws. A folder that is
     * not empty any more (a concurrent writer added a file) is skipped; another failure stops the walk.
     */
    public static boolean deleteQuietly(Path root) {
        try {
            for (Path p : bottomUp(root)) {
                try {
                    Files.deleteIfExists(p);
                } catch (DirectoryNotEmptyException e) {
                    // a concurrent writer added a file; the next attempt removes it
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
        return !Files.exists(root);
    }

    /** Every path of the tree, deepest first; empty when {@code root} does not exist. */
    private static List<Path> bottomUp(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.sorted(Comparator.reverseOrder()).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
