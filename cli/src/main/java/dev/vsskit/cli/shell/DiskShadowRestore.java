package dev.vsskit.cli.shell;

import dev.vsskit.cli.CliContext;
import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.Failures;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.session.BackupComponentsDocument;
import dev.vsskit.vss.session.RestoreSession;
import dev.vsskit.vss.session.SelectedComponent;
import dev.vsskit.vss.session.WriterMetadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * diskshadow's restore half: {@code load metadata FILE}, {@code begin restore} (PreRestore to the writers of
 * the backup's components) and {@code end restore} (PostRestore), on the host's {@link RestoreSession}. Resetting
 * or leaving the shell during a restore still sends PostRestore, so no writer stays mid-restore.
 */
final class DiskShadowRestore {

    /** A Backup Components Document and where it came from, for messages ("in FILE", "just ended"). */
    private record Metadata(String xml, String source) {
    }

    private final CliContext ctx;
    private final BooleanSupplier verbose;
    private Metadata loaded;
    /** The document of the backup ended last in this session: diskshadow restores from it without load. */
    private Metadata lastBackup;
    private RestoreSession session;

    DiskShadowRestore(CliContext ctx, BooleanSupplier verbose) {
        this.ctx = ctx;
        this.verbose = verbose;
    }

    boolean inProgress() {
        return session != null;
    }

    /** Refuses what must not happen while writers are in a restore. */
    void refuseDuringRestore(String what) {
        if (inProgress()) {
            throw new CliException(ExitCode.USAGE, what + " is not allowed while a restore is in progress; "
                    + "`end restore` (or `reset`) first");
        }
    }

    void backupEnded(String xml) {
        lastBackup = new Metadata(xml, "just ended");
    }

    /** {@code load metadata FILE}: reads and checks the Backup Components Document {@code end backup} wrote. */
    void load(List<String> w) {
        if (w.size() != 3 || !w.get(1).equalsIgnoreCase("metadata")) {
            throw new CliException(ExitCode.USAGE, "use `load metadata FILE` (the file `set metadata` named at "
                    + "`end backup`)");
        }
        refuseDuringRestore("load metadata");
        Path file = Path.of(w.get(2)).toAbsolutePath();
        String xml;
        try {
            xml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.USAGE, "load metadata: " + file + " not found; give the file that "
                    + "`set metadata` named when the backup ended");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the metadata file " + file, e);
        }
        try {
            BackupComponentsDocument.parse(xml);
        } catch (VssException e) {
            throw new CliException(ExitCode.ERROR, "load metadata: " + file + " is not a usable Backup Components "
                    + "Document (" + e.getMessage() + ", " + e.hresult().name() + "); give the file that "
                    + "`set metadata` named when the backup ended");
        }
        loaded = new Metadata(xml, "in " + file);
        if (verbose()) {
            out().println("The metadata file " + file + " was loaded.");
        }
    }

    /** {@code begin restore}: InitializeForRestore, GatherWriterMetadata, PreRestore. */
    void begin(boolean backupInProgress) {
        if (backupInProgress) {
            throw new CliException(ExitCode.USAGE, "a backup is in progress; `end backup` or `reset` before "
                    + "`begin restore`");
        }
        if (inProgress()) {
            throw new CliException(ExitCode.USAGE, "a restore is already in progress; `end restore` or `reset` first");
        }
        Metadata metadata = loaded != null ? loaded : lastBackup;
        if (metadata == null) {
            throw new CliException(ExitCode.USAGE, "begin restore needs the backup's metadata: `load metadata FILE` "
                    + "first (the file `set metadata` named when the backup ended)");
        }
        RestoreSession s = ctx.host().openRestoreSession();
        try {
            s.initializeForRestore(metadata.xml());
            List<WriterMetadata> writers = s.gatherWriterMetadata();
            if (verbose()) {
                printComponents(s.components(), writers);
            }
            s.preRestore();
            session = s;
        } catch (VssException e) {
            throw failed("begin restore", e);
        } finally {
            if (session != s) {
                s.close(); // whatever failed, no restore is left in progress
            }
        }
        if (verbose()) {
            out().println("PreRestore was sent for the backup " + metadata.source() + ".");
        }
    }

    /** {@code end restore}: PostRestore to the writers that got PreRestore. */
    void end() {
        if (!inProgress()) {
            throw new CliException(ExitCode.USAGE, "no restore is in progress; start one with `begin restore`");
        }
        RestoreSession s = session;
        session = null;
        try {
            s.postRestore();
        } catch (VssException e) {
            throw failed("end restore", e);
        } finally {
            s.close();
        }
        if (verbose()) {
            out().println("PostRestore was sent; the restore is complete.");
        }
    }

    /** {@code reset} and leaving the shell: a restore in progress gets its PostRestore; the loaded metadata goes. */
    void reset() {
        RestoreSession s = session;
        session = null;
        loaded = null;
        lastBackup = null;
        if (s != null) {
            s.close();
            ctx.note("the restore in progress was ended without `end restore`: its writers got PostRestore; "
                    + "see `list writers status`");
        }
    }

    private void printComponents(List<SelectedComponent> components, List<WriterMetadata> writers) {
        Map<VssId, WriterMetadata> byInstance = writers.stream()
                .collect(Collectors.toMap(WriterMetadata::instanceId, m -> m, (a, b) -> a));
        Map<VssId, Long> counts = components.stream()
                .collect(Collectors.groupingBy(SelectedComponent::instanceId, LinkedHashMap::new,
                        Collectors.counting()));
        for (Map.Entry<VssId, Long> e : counts.entrySet()) {
            WriterMetadata m = byInstance.get(e.getKey()); // every component's writer answered Identify
            out().println("Writer \"" + m.name() + "\" " + m.writerId() + ": " + e.getValue() + " component(s) to restore");
        }
        if (counts.isEmpty()) {
            out().println("No writer has components in this backup; no writer takes part in the restore.");
        }
    }

    /** A one-line error naming the HRESULT; the restore is not in progress. */
    private static CliException failed(String command, VssException e) {
        return new CliException(Failures.exitCode(e), command + " failed: " + Failures.message(e)
                + "; no restore is in progress; see `list writers status`");
    }

    private boolean verbose() {
        return verbose.getAsBoolean();
    }

    private PrintWriter out() {
        return ctx.out();
    }
}
