package dev.vsskit.cli.shell;

import dev.vsskit.cli.CliContext;
import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.shadow.VolumeSpec;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.Volume;
import dev.vsskit.vss.VolumeSnapshotAttributes;
import dev.vsskit.vss.VssHost;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.io.AtomicFiles;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.BackupType;
import dev.vsskit.vss.session.SnapshotSetResult;
import dev.vsskit.vss.session.WriterMetadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * diskshadow's session state and commands ({@code set context}, {@code add volume}, {@code begin backup},
 * {@code create}, {@code expose}, ...) on top of the host's {@link BackupSession}. One per shell; closing it
 * aborts an unfinished backup (releasing volatile shadows, thawing writers) and unexposes what it exposed.
 */
final class DiskShadow implements AutoCloseable {

    /** A volume queued by {@code add volume}, created at {@code create}. */
    private record Added(String volume, VssId providerId, String alias) {
    }

    private final CliContext ctx;
    private final Map<String, String> aliases;
    private SnapshotContext context = SnapshotContext.BACKUP; // diskshadow's default: volatile
    private boolean verbose;
    private Path metadata;
    private final List<Added> added = new ArrayList<>();
    private final Set<String> verified = new LinkedHashSet<>();
    private final Set<String> excluded = new LinkedHashSet<>();
    private final ShadowExposures exposures;
    private BackupSession session;
    /** Finished sessions of volatile shadows: closing one releases its shadows (at reset or exit). */
    private final List<BackupSession> volatileSessions = new ArrayList<>();
    private List<WriterMetadata> writerMetadata = List.of();
    /** Components this backup selected (with exclusions): reported backed up at {@code end backup}. */
    private final List<ComponentSelection.Selected> selected = new ArrayList<>();
    private final DiskShadowRestore restore;

    DiskShadow(CliContext ctx, Map<String, String> aliases) {
        this.ctx = ctx;
        this.aliases = aliases;
        this.restore = new DiskShadowRestore(ctx, () -> verbose);
        this.exposures = new ShadowExposures(ctx::host);
    }

    private PrintWriter out() {
        return ctx.out();
    }

    private static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }

    // ---- set ----

    void set(List<String> w) {
        String what = word(w, 1, "set needs context, verbose or metadata; e.g. `set context persistent`");
        switch (what) {
            case "context" -> setContext(w);
            case "verbose" -> {
                String v = word(w, 2, "set verbose needs on or off");
                if (!v.equals("on") && !v.equals("off")) {
                    throw usage("set verbose takes on or off, not '" + w.get(2) + "'");
                }
                verbose = v.equals("on");
            }
            case "metadata" -> {
                if (w.size() != 3) {
                    throw usage("set metadata takes one file name, e.g. `set metadata backup.xml`");
                }
                metadata = Path.of(w.get(2)).toAbsolutePath();
            }
            case "option" -> throw usage("set option is not supported by vsskit (differential/plex/transportable "
                    + "are chosen by the provider); leave it out");
            default -> throw usage("unknown set '" + w.get(1) + "'; use set context, set verbose or set metadata");
        }
    }

    private void setContext(List<String> w) {
        if (session != null) {
            throw usage("set context must come before begin backup; `reset` first");
        }
        String kind = word(w, 2, "set context needs clientaccessible, persistent [nowriters] or volatile [nowriters]");
        boolean noWriters = w.size() == 4 && w.get(3).equalsIgnoreCase("nowriters");
        if (w.size() > 4 || (w.size() == 4 && !noWriters) || (noWriters && kind.equals("clientaccessible"))) {
            throw usage("set context takes clientaccessible, persistent [nowriters] or volatile [nowriters]");
        }
        context = switch (kind) {
            case "clientaccessible" -> SnapshotContext.CLIENT_ACCESSIBLE;
            case "persistent" -> noWriters ? SnapshotContext.NAS_ROLLBACK : SnapshotContext.APP_ROLLBACK;
            case "volatile" -> noWriters ? SnapshotContext.FILE_SHARE_BACKUP : SnapshotContext.BACKUP;
            default -> throw usage("unknown context '" + w.get(2)
                    + "'; use clientaccessible, persistent [nowriters] or volatile [nowriters]");
        };
        if (verbose) {
            out().println("Context set to " + context.typeName() + ".");
        }
    }

    // ---- load metadata ----

    void load(List<String> w) {
        restore.load(w);
    }

    // ---- add, writer ----

    void add(List<String> w) {
        String what = word(w, 1, "add needs volume or alias; e.g. `add volume C: alias data`");
        if (what.equals("alias")) {
            if (w.size() != 4) {
                throw usage("add alias takes a name and a value: `add alias NAME VALUE`");
            }
            aliases.put(w.get(2).toUpperCase(Locale.ROOT), w.get(3));
            return;
        }
        if (!what.equals("volume")) {
            throw usage("unknown add '" + w.get(1) + "'; use add volume or add alias");
        }
        word(w, 2, "add volume needs a volume, e.g. `add volume C:`");
        String volume = w.get(2); // as typed, for messages
        VssId provider = VssId.NULL;
        String alias = null;
        for (int i = 3; i < w.size(); i += 2) {
            String key = w.get(i).toLowerCase(Locale.ROOT);
            if (i + 1 >= w.size()) {
                throw usage("add volume: '" + w.get(i) + "' needs a value");
            }
            switch (key) {
                case "provider" -> provider = providerId(w.get(i + 1));
                case "alias" -> alias = w.get(i + 1);
                default -> throw usage("add volume takes [provider ID] [alias NAME], not '" + w.get(i) + "'");
            }
        }
        String volumePath = volumeOf(volume).path();
        for (Added a : added) {
            if (volumeOf(a.volume()).path().equalsIgnoreCase(volumePath)) {
                throw usage("volume " + volume + " is already in the shadow copy set");
            }
        }
        added.add(new Added(volume, provider, alias));
    }

    void writer(List<String> w) {
        String what = word(w, 1, "writer needs verify or exclude and a writer id or component path");
        if (w.size() != 3) {
            throw usage("writer " + what + " takes one writer id, writer name or component path");
        }
        switch (what) {
            case "verify" -> verified.add(w.get(2));
            case "exclude" -> excluded.add(w.get(2));
            default -> throw usage("unknown writer '" + w.get(1) + "'; use writer verify or writer exclude");
        }
    }

    // ---- begin / create / end ----

    void begin(List<String> w) {
        String what = word(w, 1, "begin needs backup or restore");
        if (!(what.equals("backup") || what.equals("restore")) || w.size() != 2) {
            throw usage("use `begin backup` or `begin restore`");
        }
        if (what.equals("restore")) {
            restore.begin(session != null);
            return;
        }
        restore.refuseDuringRestore("begin backup");
        if (session != null) {
            throw usage("a backup is already in progress; `end backup` or `reset` first");
        }
        openSession();
    }

    private void openSession() {
        BackupSession s = host().openBackupSession();
        try {
            s.initializeForBackup();
            s.setContext(context);
            if (writers()) {
                s.setBackupState(!excluded.isEmpty(), false, BackupType.FULL, false);
                writerMetadata = s.gatherWriterMetadata();
                if (verbose) {
                    DiskShadowText.identified(out(), writerMetadata);
                }
                checkVerified();
            }
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        session = s;
    }

    private boolean writers() {
        return !context.attributes().has(VolumeSnapshotAttributes.NO_WRITERS);
    }

    void create(List<String> w) {
        if (w.size() != 1) {
            throw usage("create takes no arguments; add volumes first with `add volume V`");
        }
        restore.refuseDuringRestore("create");
        if (added.isEmpty()) {
            throw usage("the shadow copy set is empty; add a volume first with `add volume C:`");
        }
        boolean implicit = session == null;
        if (implicit) {
            openSession();
        }
        SnapshotSetResult result;
        try {
            if (writers()) {
                selectComponents(); // AddComponent comes before StartSnapshotSet
            }
            session.startSnapshotSet();
            for (Added a : added) {
                session.addToSnapshotSet(a.volume(), a.providerId());
            }
            if (writers()) {
                session.prepareForBackup();
            }
            result = session.doSnapshotSet();
            if (writers()) {
                checkWriterStatus();
            }
            if (implicit) {
                finishSession();
            }
        } catch (RuntimeException e) {
            abortSession();
            throw e;
        }
        printCreated(result);
        added.clear();
    }

    void end(List<String> w) {
        String what = word(w, 1, "end needs backup or restore");
        if (!(what.equals("backup") || what.equals("restore")) || w.size() != 2) {
            throw usage("use `end backup` or `end restore`");
        }
        if (what.equals("restore")) {
            restore.end();
            return;
        }
        if (session == null) {
            throw usage("no backup is in progress; start one with `begin backup`");
        }
        finishSession();
    }

    /**
     * SetBackupSucceeded and BackupComplete (when writers took part), the Backup Components Document to
     * {@code set metadata}'s file and kept for a later {@code begin restore}.
     */
    private void finishSession() {
        BackupSession s = session;
        try {
            if (writers()) {
                markBackedUp(s);
                s.backupComplete();
            }
            String xml = s.saveAsXml();
            restore.backupEnded(xml);
            if (metadata != null) {
                Path parent = metadata.getParent();
                Files.createDirectories(parent);
                AtomicFiles.write(metadata, xml.getBytes(StandardCharsets.UTF_8));
                if (verbose) {
                    out().println("The metadata file " + metadata + " was written.");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the metadata file " + metadata, e);
        } finally {
            if (context.isPersistent()) {
                s.close();
            } else {
                volatileSessions.add(s); // volatile shadows live until reset or exit, as in diskshadow
            }
            session = null;
            selected.clear();
        }
    }

    /** The selected components of writers that did not fail are recorded as backed up, for their restore. */
    private void markBackedUp(BackupSession s) {
        Set<VssId> failed = new LinkedHashSet<>();
        for (Writer writer : s.gatherWriterStatus()) {
            if (writer.state().isFailed()) {
                failed.add(writer.instanceId());
            }
        }
        for (ComponentSelection.Selected c : selected) {
            s.setBackupSucceeded(c.instanceId(), c.writerId(), c.logicalPath(), c.name(), !failed.contains(c.instanceId()));
        }
    }

    private void abortSession() {
        if (session != null) {
            try {
                session.close(); // aborts the set, thaws writers
            } finally {
                session = null;
                selected.clear();
            }
        }
    }

    private void checkVerified() {
        for (String v : verified) {
            if (writerMetadata.stream().noneMatch(m -> ComponentSelection.matches(m, v))) {
                throw new CliException(ExitCode.ERROR, "writer verify: no writer " + v
                        + " answered Identify; see `list writers metadata`");
            }
        }
    }

    private void checkWriterStatus() {
        for (Writer writer : session.gatherWriterStatus()) {
            boolean wanted = verified.stream().anyMatch(v -> v.equalsIgnoreCase(writer.name())
                    || (VssId.isValid(v) && VssId.parse(v).equals(writer.writerId())));
            if (wanted && writer.state().isFailed()) {
                throw new CliException(ExitCode.ERROR, "writer \"" + writer.name() + "\" (verified) failed: "
                        + writer.state().text() + ", " + writer.lastError() + "; see `list writers status`, then "
                        + "`reset` and try again");
            }
        }
    }

    /** With exclusions, components are selected explicitly ({@link ComponentSelection}); without, the writers choose. */
    private void selectComponents() {
        if (excluded.isEmpty()) {
            return;
        }
        List<Volume> all = host().volumes();
        Set<String> inSet = new LinkedHashSet<>();
        for (Added a : added) {
            inSet.add(volumeOf(a.volume()).path().toLowerCase(Locale.ROOT));
        }
        ComponentSelection.Result choice = ComponentSelection.select(writerMetadata, excluded, inSet, all);
        choice.lines().forEach(out()::println);
        for (ComponentSelection.Selected c : choice.selected()) {
            session.addComponent(c.instanceId(), c.writerId(), c.logicalPath(), c.name());
            selected.add(c);
        }
    }

    /** Names the shadows (their {@code add volume} alias, or VSS_SHADOW_n) and prints them as diskshadow does. */
    private void printCreated(SnapshotSetResult result) {
        List<String> names = new ArrayList<>();
        int n = 0;
        for (Shadow s : result.shadows()) {
            n++;
            String alias = n <= added.size() && added.get(n - 1).alias() != null
                    ? added.get(n - 1).alias() : "VSS_SHADOW_" + n;
            names.add(alias);
            aliases.put(alias.toUpperCase(Locale.ROOT), s.shadowId().toString());
        }
        aliases.put("VSS_SHADOW_SET", result.snapshotSetId().toString());
        DiskShadowText.created(out(), result, names, ctx.zone(), exposures::pathOf);
    }

    // ---- expose / unexpose ----

    void expose(List<String> w) {
        if (w.size() != 3) {
            throw usage("expose takes a shadow id and a folder: `expose %VSS_SHADOW_1% C:\\mnt\\shadow`");
        }
        VssId id = shadowId(w.get(1));
        Shadow shadow = findShadow(id);
        Path target = Path.of(w.get(2)).toAbsolutePath().normalize();
        if (!ShadowExposures.canExposeAt(target)) {
            throw usage("cannot expose at " + target + ": it exists and is not an empty folder; give a new folder");
        }
        String exposedAs = exposures.expose(shadow, target);
        out().println("The shadow copy was successfully exposed as " + exposedAs + ".");
        out().flush();
    }

    private Shadow findShadow(VssId id) {
        // the host lists the non-persistent shadows of open sessions too
        return host().shadows().stream().filter(s -> s.shadowId().equals(id)).findFirst()
                .orElseThrow(() -> new CliException(ExitCode.ERROR, "shadow copy " + id + " not found; see `list shadows all`"));
    }

    // ---- revert ----

    /**
     * diskshadow's {@code revert SHADOWID} (IVssBackupComponents::RevertToSnapshot): the volume's live files
     * become the shadow's, byte for byte. Persistent shadows only, as in VSS; on the lab, those of the Microsoft
     * providers on the copy-on-write stores (diskshadow: the system provider's). Hardware (ONTAP) shadows are
     * refused: a volume SnapRestore would delete every newer Snapshot copy, and with them other shadows.
     */
    void revert(List<String> w) {
        if (w.size() != 2) {
            throw usage("revert takes one shadow copy id: `revert %VSS_SHADOW_1%`");
        }
        if (session != null) {
            throw usage("revert is not allowed while a backup is in progress; `end backup` or `reset` first");
        }
        VssId id = shadowId(w.get(1));
        Shadow shadow = findShadow(id);
        if (!shadow.context().isPersistent()) {
            throw new VssException(HResult.VSS_E_UNSUPPORTED_CONTEXT, "revert: shadow copy " + id + " is not persistent"
                    + " (context " + shadow.context().typeName() + "); VSS reverts persistent shadow copies only:"
                    + " take them after `set context persistent`");
        }
        host().revertToShadow(id);
        out().println("The volume " + shadow.originalVolumePath() + " was reverted to shadow copy " + id + ".");
        out().flush();
    }

    void unexpose(List<String> w) {
        if (w.size() != 2) {
            throw usage("unexpose takes the folder a shadow copy is exposed at: `unexpose C:\\mnt\\shadow`");
        }
        Path target = Path.of(w.get(1)).toAbsolutePath().normalize();
        VssId id = exposures.at(target).orElseThrow(() -> new CliException(ExitCode.ERROR,
                "no shadow copy is exposed at " + target + " in this session"));
        exposures.unexpose(target);
        out().println("The shadow copy " + id + " is no longer exposed at " + target + ".");
        out().flush();
    }

    // ---- list writers metadata|detailed ----

    void listWriterMetadata(boolean detailed) {
        List<WriterMetadata> list;
        if (session != null && writers()) {
            list = writerMetadata;
        } else {
            try (BackupSession s = host().openBackupSession()) {
                s.initializeForBackup();
                list = s.gatherWriterMetadata();
            }
        }
        DiskShadowText.writerMetadata(out(), list, detailed);
    }

    // ---- reset / close ----

    /**
     * diskshadow's reset: aborts an unfinished backup (volatile shadows go with it, and so do their exposures)
     * and forgets the session. Persistent shadows stay exposed, as their mount points do on Windows.
     */
    void reset() {
        restore.reset(); // PostRestore for a restore in progress
        abortSession();
        for (BackupSession s : volatileSessions) {
            s.close();
        }
        volatileSessions.clear();
        exposures.reset();
        added.clear();
        verified.clear();
        excluded.clear();
        context = SnapshotContext.BACKUP;
        verbose = false;
        metadata = null;
        writerMetadata = List.of();
    }

    @Override
    public void close() {
        reset();
    }

    /** Paths exposed in this session, for {@code delete shadows exposed PATH}. */
    Optional<VssId> exposedAt(Path p) {
        return exposures.at(p.toAbsolutePath().normalize());
    }

    void forgetExposure(Path p) {
        exposures.unexpose(p.toAbsolutePath().normalize());
    }

    // ---- helpers ----

    private VssHost host() {
        return ctx.host();
    }

    private Volume volumeOf(String text) {
        return VolumeSpec.find(host(), text).orElseThrow(() -> usage("volume " + text + " not found; see `list volumes`"));
    }

    private VssId providerId(String text) {
        return host().provider(text).map(Provider::id)
                .orElseThrow(() -> usage("provider " + text + " not found; see `list providers`"));
    }

    static VssId shadowId(String text) {
        if (!VssId.isValid(text)) {
            throw usage("'" + text + "' is not a shadow copy id (or an alias set by create)");
        }
        return VssId.parse(text);
    }

    private static String word(List<String> w, int index, String missing) {
        if (w.size() <= index) {
            throw usage(missing);
        }
        return w.get(index).toLowerCase(Locale.ROOT);
    }
}
