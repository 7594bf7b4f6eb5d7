package dev.vsskit.eventlog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Runs a query over one .evtx file or every .evtx file of a folder (sorted by name), in file order. */
public final class EventLogFiles {

    private EventLogFiles() {
    }

    /** The .evtx files a path stands for: the file itself, or a folder's *.evtx sorted by name. */
    public static List<Path> evtxFiles(Path fileOrFolder) throws IOException {
        if (Files.isDirectory(fileOrFolder)) {
            try (Stream<Path> s = Files.list(fileOrFolder)) {
                return s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".evtx"))
                        .filter(Files::isRegularFile).sorted().toList();
            }
        }
        if (!Files.isRegularFile(fileOrFolder)) {
            throw new IOException(fileOrFolder + " does not exist; give an .evtx file or a folder of them");
        }
        return List.of(fileOrFolder);
    }

    /**
     * {@link EvtxReader#queryChunks} over every file, in file order, until {@code sink} returns false; returns how
     * many records were handed over. Unreadable files become warnings.
     */
    public static <R> long queryChunks(Path fileOrFolder, RecordFilter filter, EvtxReader.Render render, int threads,
            EvtxWarningListener warnings, java.util.function.Function<List<EvtxRecord>, R> format,
            java.util.function.Predicate<R> sink) throws IOException {
        long n = 0;
        boolean[] more = {true};
        for (Path f : evtxFiles(fileOrFolder)) {
            try (EvtxReader r = EvtxReader.open(f, warnings)) {
                n += r.queryChunks(filter, render, threads, format, x -> more[0] = sink.test(x));
            } catch (IOException e) {
                warnings.warning(new EvtxWarning(f, -1, 0, e.getMessage()));
            }
            if (!more[0]) {
                break;
            }
        }
        return n;
    }

    /** Delivers the matching records of every file; returns how many. Unreadable files become warnings. */
    public static long query(Path fileOrFolder, RecordFilter filter, EvtxReader.Render render, int threads,
            EvtxWarningListener warnings, Consumer<EvtxRecord> sink) throws IOException {
        long n = 0;
        for (Path f : evtxFiles(fileOrFolder)) {
            try (EvtxReader r = EvtxReader.open(f, warnings)) {
                n += r.query(filter, render, threads, sink);
            } catch (IOException e) {
                warnings.warning(new EvtxWarning(f, -1, 0, e.getMessage()));
            }
        }
        return n;
    }
}
