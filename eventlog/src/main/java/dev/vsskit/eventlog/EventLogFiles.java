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
     * Refuses, before any query, what is not an event log: a path that does not exist, a device, FIFO or
     * socket, an empty file or one without the {@code ElfFile} signature, a folder without a single EVTX
     * file. The message names the reason. A real log whose chunks are damaged passes: the reader recovers
     * what it can and warns about the rest.
     */
    public static void requireEvtx(Path fileOrFolder) throws IOException {
        if (Files.isDirectory(fileOrFolder)) {
            List<Path> files = evtxFiles(fileOrFolder);
            if (files.isEmpty()) {
                throw new IOException(fileOrFolder + " holds no .evtx file; give an exported .evtx file or a folder"
                        + " of them");
            }
            String last = "";
            for (Path f : files) {
                last = notEvtx(f);
                if (last.isEmpty()) {
                    return;
                }
            }
            throw new IOException("none of the " + files.size() + " .evtx files in " + fileOrFolder
                    + " is an event log (" + last + ")");
        }
        if (!Files.exists(fileOrFolder)) {
            throw new IOException(fileOrFolder + " does not exist; give an .evtx file or a folder of them");
        }
        String why = notEvtx(fileOrFolder);
        if (!why.isEmpty()) {
            throw new IOException(why);
        }
    }

    /** Why a path is not an EVTX file, or "" when it starts like one. */
    private static String notEvtx(Path f) throws IOException {
        if (!Files.isRegularFile(f)) {
            return f + " is not a regular file (a device, FIFO or socket); give an exported .evtx file";
        }
        if (Files.size(f) == 0) {
            return f + " is empty; give an exported .evtx file";
        }
        byte[] head = new byte[8];
        int n;
        try (java.io.InputStream in = Files.newInputStream(f)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n < head.length || !new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).equals("ElfFile\0")) {
            return f + " is not an EVTX file (no ElfFile signature); export the log as .evtx"
                    + " (wevtutil epl Application app.evtx)";
        }
        long size = Files.size(f);
        if (size < 128) {
            return f + " is truncated (" + size + " bytes; an EVTX file header alone is 4096); export the log again";
        }
        return "";
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
