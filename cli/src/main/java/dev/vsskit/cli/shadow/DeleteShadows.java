package dev.vsskit.cli.shadow;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.cli.backup.BackupPaths;
import dev.vsskit.cli.backup.Targets;
import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.OutputFormat;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssHost;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.backup.BackupService;
import dev.vsskit.vss.backup.Sleeper;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.BackupRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vsskit delete shadows}: deletes shadow copies as {@code vssadmin delete shadows} does, asking
 * {@code Do you really want to delete N shadow copies (Y/N): [N]? } unless {@code --quiet}. The answer is
 * read from stdin; no answer (no stdin) means no.
 */
@Command(name = "shadows", description = {"Delete volume shadow copies (vssadmin Delete Shadows).",
    "Options also accept Windows spellings: /for=C: /oldest /shadow={id} /set={id} /all /quiet."})
public final class DeleteShadows extends VsskitCommand {

    static final class Which {
        @Option(names = {"--for", "/for", "/For", "/FOR"}, paramLabel = "VOLUME",
                description = "Delete the shadow copies of this volume.")
        String forVolume;

        @Option(names = {"--shadow", "/shadow", "/Shadow", "/SHADOW"}, paramLabel = "ID",
                description = "Delete this shadow copy.")
        String shadow;

        @Option(names = {"--set", "/set", "/Set", "/SET"}, paramLabel = "ID",
                description = "Delete every shadow copy of this shadow copy set.")
        String set;

        @Option(names = {"--all", "/all", "/All", "/ALL"}, description = "Delete every shadow copy.")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Option(names = {"--oldest", "/oldest", "/Oldest", "/OLDEST"},
            description = "With --for: delete only the oldest shadow copy of the volume.")
    boolean oldest;

    @Option(names = "--force", description = "Also delete shadow copies of catalogued backups, and those backups with"
            + " them (their records and ONTAP snapshots), so no record claims a backup that cannot be restored.")
    boolean force;

    /** vssadmin's /quiet; the global -q/--quiet means the same here (do not ask). */
    @Option(names = {"/quiet", "/Quiet", "/QUIET"}, description = "Do not ask before deleting (as -q/--quiet).")
    boolean windowsQuiet;

    private boolean quiet;

    @Override
    protected int run() {
        if (oldest && which.forVolume == null) {
            throw new CliException(ExitCode.USAGE, "--oldest works only with --for=VOLUME");
        }
        quiet = windowsQuiet || ctx().options().quiet();
        VssHost host = ctx().host();
        List<Shadow> targets = targets(host);
        if (targets.isEmpty()) {
            if (which.shadow != null) {
                // a name that names nothing is bad input, in every verb (exit-codes.md)
                throw new CliException(ExitCode.USAGE, "Shadow Copy ID: " + Ids.parse("--shadow", which.shadow)
                        + " not found; see `vsskit list shadows`");
            }
            ctx().renderer().list(DeletedShadows.VIEW, List.of());
            return ExitCode.OK;
        }
        boolean text = ctx().options().output() == OutputFormat.text;
        // shadows of catalogued backups: deleting them alone would leave records of backups that cannot restore
        BackupCatalog catalog = new BackupCatalog(BackupPaths.catalog(ctx()));
        Map<VssId, String> backupOf = backupsByShadow(catalog, targets);
        List<Shadow> free = targets.stream().filter(s -> !backupOf.containsKey(s.shadowId())).toList();
        List<Shadow> toDelete = force ? targets : free;
        List<String> backups = targets.stream().map(s -> backupOf.get(s.shadowId())).filter(Objects::nonNull)
                .distinct().toList();
        if (!toDelete.isEmpty() && !quiet && !confirmed(toDelete.size(), text)) {
            ctx().note("nothing deleted (answer Y to delete, or add --quiet)");
            return ExitCode.OK;
        }
        List<VssId> failed = new ArrayList<>();
        if (force && !backups.isEmpty()) {
            BackupService service = new BackupService(Targets.open(ctx()), catalog, Clock.systemDefaultZone(),
                    Sleeper.REAL);
            for (String b : backups) {
                try {
                    service.delete(b);
                } catch (RuntimeException e) {
                    ctx().note("could not delete backup " + b + ": " + e.getMessage());
                }
            }
        }
        for (Shadow s : toDelete) {
            try {
                host.deleteShadow(s.shadowId());
            } catch (VssException e) {
                if (e.hresult() != HResult.VSS_E_OBJECT_NOT_FOUND) {
                    ctx().note(String.format("Received error %08x trying to delete Shadow Copy ID: %s. (%s)",
                            e.hresult().value(), s.shadowId(), e.getMessage()));
                }
            }
        }
        // the count is what is really gone: a shadow still listed was not deleted, whatever a provider said
        Set<VssId> remaining = host.shadows().stream().map(Shadow::shadowId).collect(Collectors.toSet());
        List<VssId> deleted = new ArrayList<>();
        for (Shadow s : toDelete) {
            (remaining.contains(s.shadowId()) ? failed : deleted).add(s.shadowId());
        }
        List<VssId> skipped = force ? List.of() : targets.stream().map(Shadow::shadowId)
                .filter(backupOf::containsKey).toList();
        DeletedShadows result = new DeletedShadows(deleted, failed, skipped, backups);
        if (text && !quiet) {
            // the banner came with the prompt
            DeletedShadows.VIEW.text(List.of(result), ctx().out());
            ctx().out().flush();
        } else {
            ctx().renderer().single(DeletedShadows.VIEW, result);
        }
        return failed.isEmpty() && skipped.isEmpty() ? ExitCode.OK : ExitCode.ERROR;
    }

    /** Which catalogued backup, if any, each shadow belongs to (by shadow id or snapshot set). */
    private static Map<VssId, String> backupsByShadow(BackupCatalog catalog, List<Shadow> shadows) {
        Map<VssId, String> out = new LinkedHashMap<>();
        List<BackupRecord> records = catalog.list().records();
        for (Shadow s : shadows) {
            for (BackupRecord r : records) {
                boolean named = r.snapshotSetId().map(s.setId()::equals).orElse(false)
                        || r.volumes().stream().anyMatch(v -> v.shadowId().equals(s.shadowId()));
                if (named) {
                    out.put(s.shadowId(), r.name());
                    break;
                }
            }
        }
        return out;
    }

    private List<Shadow> targets(VssHost host) {
        ShadowFilter filter = new ShadowFilter(Optional.ofNullable(which.forVolume),
                Optional.ofNullable(which.shadow).map(s -> Ids.parse("--shadow", s)),
                Optional.ofNullable(which.set).map(s -> Ids.parse("--set", s)));
        List<Shadow> found = filter.apply(host);
        if (oldest && !found.isEmpty()) {
            return List.of(found.stream().min(Comparator.comparing(Shadow::created)).orElseThrow());
        }
        return found;
    }

    /** vssadmin's prompt, after the banner in text mode; on stderr in JSON/CSV mode so stdout stays data. */
    private boolean confirmed(int count, boolean text) {
        String prompt = "Do you really want to delete " + count + " shadow copies (Y/N): [N]? ";
        if (text) {
            ctx().renderer().single(new RecordView<String>() {
                @Override
                public List<Field<String>> fields() {
                    return List.of();
                }

                @Override
                public void text(List<String> rows, PrintWriter out) {
                    out.print(rows.get(0));
                }
            }, prompt);
        } else {
            ctx().err().print(prompt);
            ctx().err().flush();
        }
        String answer;
        try {
            answer = new BufferedReader(new InputStreamReader(ctx().in(), Charset.defaultCharset())).readLine();
        } catch (IOException e) {
            answer = null;
        }
        PrintWriter echo = text ? ctx().out() : ctx().err();
        echo.println();
        echo.flush();
        return answer != null && answer.trim().equalsIgnoreCase("y");
    }
}
