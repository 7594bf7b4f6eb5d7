package dev.vsskit.cli.ontap;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.ontap.SnapshotNames;
import dev.vsskit.ontap.client.SnapshotInfo;
import dev.vsskit.ontap.client.VolumeInfo;
import dev.vsskit.vss.store.FileRestore;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vsskit ontap snapshots list|create|delete|restore}. */
@Command(name = "snapshots", description = "List, create, delete or restore Snapshot copies of ONTAP volumes.",
        subcommands = {OntapSnapshots.ListCmd.class, OntapSnapshots.CreateCmd.class, OntapSnapshots.DeleteCmd.class,
            OntapSnapshots.RestoreCmd.class})
public final class OntapSnapshots {

    private static List<SnapshotInfo> listed(OntapSession s, String volume) {
        VolumeInfo v = OntapSession.call(() -> s.client().requireVolume(volume));
        return OntapSession.call(() -> s.client().snapshots(v.uuid()));
    }

    @Command(name = "list", description = "List the Snapshot copies of a volume (or of every volume).")
    public static final class ListCmd extends VsskitCommand {
        @Mixin
        OntapOptions ontap;

        @Option(names = "--volume", paramLabel = "NAME", description = "ONTAP volume (default: all volumes).")
        List<String> volumes = new ArrayList<>();

        @Override
        protected int run() {
            try (OntapSession s = OntapSession.open(ctx(), ontap)) {
                List<String> names = volumes.isEmpty()
                        ? OntapSession.call(() -> s.client().volumes()).stream().map(VolumeInfo::name).toList()
                        : volumes;
                List<SnapshotInfo> rows = new ArrayList<>();
                for (String v : names) {
                    rows.addAll(listed(s, v));
                }
                ctx().renderer().list(OntapViews.SNAPSHOTS, rows);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "create", description = "Create one Snapshot copy on each volume (a consistency-group snapshot"
            + " when the cluster has them); all or nothing.")
    public static final class CreateCmd extends VsskitCommand {
        @Mixin
        OntapOptions ontap;

        @Option(names = "--volume", paramLabel = "NAME", required = true, description = "ONTAP volume (repeatable).")
        List<String> volumes;

        @Option(names = "--name", paramLabel = "NAME", required = true, description = "Snapshot copy name.")
        String name;

        @Option(names = "--comment", paramLabel = "TEXT", description = "Comment (default: vsskit backup NAME).")
        String comment;

        @Override
        protected int run() {
            try {
                SnapshotNames.validate(name);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCode.USAGE, e.getMessage());
            }
            try (OntapSession s = OntapSession.open(ctx(), ontap)) {
                String c = comment == null ? SnapshotNames.comment(name) : comment;
                OntapSession.call(() -> s.store().createSnapshots(volumes, name, c));
                List<SnapshotInfo> rows = new ArrayList<>();
                for (String v : volumes) {
                    listed(s, v).stream().filter(x -> x.name().equals(name)).forEach(rows::add);
                }
                ctx().renderer().list(OntapViews.SNAPSHOTS, rows);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", description = "Delete a Snapshot copy from a volume.")
    public static final class DeleteCmd extends VsskitCommand {
        @Mixin
        OntapOptions ontap;

        @Option(names = "--volume", paramLabel = "NAME", required = true, description = "ONTAP volume.")
        String volume;

        @Option(names = "--name", paramLabel = "NAME", required = true, description = "Snapshot copy name.")
        String name;

        @Override
        protected int run() {
            try (OntapSession s = OntapSession.open(ctx(), ontap)) {
                OntapSession.call(() -> {
                    s.store().deleteSnapshot(volume, name);
                    return null;
                });
                ctx().note("deleted Snapshot copy " + name + " of volume " + volume);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "restore", description = "Restore a whole volume from a Snapshot copy (newer copies are"
            + " deleted), or only the files given with --file.")
    public static final class RestoreCmd extends VsskitCommand {
        @Mixin
        OntapOptions ontap;

        @Option(names = "--volume", paramLabel = "NAME", required = true, description = "ONTAP volume.")
        String volume;

        @Option(names = "--name", paramLabel = "NAME", required = true, description = "Snapshot copy name.")
        String name;

        @Option(names = "--file", paramLabel = "PATH", description = "A file to restore (path in the volume,"
                + " '/' separated; repeatable). Without --file the whole volume is restored.")
        List<String> files = new ArrayList<>();

        @Override
        protected int run() {
            try (OntapSession s = OntapSession.open(ctx(), ontap)) {
                OntapSession.call(() -> {
                    if (files.isEmpty()) {
                        s.store().restoreVolume(volume, name);
                    } else {
                        s.store().restoreFiles(volume, name, files.stream().map(f -> new FileRestore(f, f)).toList());
                    }
                    return null;
                });
                ctx().note(files.isEmpty() ? "restored volume " + volume + " from Snapshot copy " + name
                        : "restored " + files.size() + " file(s) of volume " + volume + " from Snapshot copy " + name);
            }
            return ExitCode.OK;
        }
    }
}
