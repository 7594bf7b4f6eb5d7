package dev.vsskit.vss.windows;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Volume;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.session.BackupComponentsDocument;
import dev.vsskit.vss.session.RestoreSession;
import dev.vsskit.vss.session.SelectedComponent;
import dev.vsskit.vss.session.WriterComponent;
import dev.vsskit.vss.session.WriterMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link RestoreSession} over {@code IVssBackupComponents} initialised for restore with the document VSS wrote
 * at backup time: PreRestore after {@code SetSelectedForRestore} of each component, PostRestore after
 * {@code SetFileRestoreStatus(VSS_RS_ALL)}; closing with a restore in progress still sends PostRestore.
 */
final class ComRestoreSession extends ComSession implements RestoreSession {

    private BackupComponentsDocument document;
    private List<SelectedComponent> components;
    private boolean inProgress;

    ComRestoreSession(WindowsVssHost host, ComThread com) {
        super(host, com, "restore", "initializeForRestore");
    }

    @Override
    public void initializeForRestore(String backupComponentsXml) {
        BackupComponentsDocument doc = BackupComponentsDocument.parse(backupComponentsXml);
        String vss = WindowsBcd.extract(backupComponentsXml);
        on(() -> {
            ComBackupComponents c = create("InitializeForRestore");
            try {
                c.initializeForRestore(vss);
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
            bc = c;
            document = doc;
            return null;
        });
    }

    @Override
    public BackupComponentsDocument document() {
        if (document == null) {
            throw new VssException(HResult.VSS_E_BAD_STATE, "call initializeForRestore first");
        }
        return document;
    }

    @Override
    public List<WriterMetadata> gatherWriterMetadata() {
        return on(() -> {
            List<WriterMetadata> metadata = bc().gatherWriterMetadata();
            components = List.copyOf(select(metadata, host.volumesOnComThread()));
            return metadata;
        });
    }

    /** The recorded components that were backed up, or (no components selected at backup) those wholly on the set. */
    private List<SelectedComponent> select(List<WriterMetadata> metadata, List<Volume> volumes) {
        List<SelectedComponent> out = new ArrayList<>();
        if (document.selectComponents()) {
            for (SelectedComponent c : document.components()) {
                if (!c.backupSucceeded()) {
                    continue;
                }
                WriterMetadata w = metadata.stream().filter(m -> m.writerId().equals(c.writerId())).findFirst()
                        .orElseThrow(() -> new VssException(HResult.VSS_E_WRITER_NOT_RESPONDING, "the writer "
                                + c.writerId() + " of component '" + c.name() + "' did not answer Identify"));
                if (w.component(c.logicalPath(), c.name()).isEmpty()) {
                    throw new VssException(HResult.VSS_E_OBJECT_NOT_FOUND, "the writer '" + w.name()
                            + "' no longer has the component '" + c.name() + "'");
                }
                out.add(c);
            }
            return out;
        }
        List<String> setVolumes = document.shadows().stream().map(s -> lower(s.volume())).toList();
        for (WriterMetadata w : metadata) {
            for (WriterComponent c : w.components()) {
                boolean onSet = !c.files().isEmpty() && c.files().stream()
                        .allMatch(f -> setVolumes.contains(lower(volumeOf(f, volumes))));
                if (onSet) {
                    out.add(new SelectedComponent(w.writerId(), w.instanceId(), c.logicalPath(), c.name(), true));
                }
            }
        }
        return out;
    }

    /** A file's volume: the longest volume path that is a folder above it, as Windows mounts them. */
    static String volumeOf(String file, List<Volume> volumes) {
        String f = lower(file);
        String best = "";
        for (Volume v : volumes) {
            String p = lower(v.path());
            String root = p.endsWith("\\") ? p : p + "\\";
            if (f.startsWith(root) && root.length() > best.length()) {
                best = v.path();
            }
        }
        return best;
    }

    private static String lower(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        return t.endsWith("\\") ? t : t + "\\";
    }

    @Override
    public List<SelectedComponent> components() {
        if (components == null) {
            throw new VssException(HResult.VSS_E_BAD_STATE, "call gatherWriterMetadata first");
        }
        return components;
    }

    @Override
    public void preRestore() {
        on(() -> {
            for (SelectedComponent c : components()) {
                bc().setSelectedForRestore(c.writerId(), c.logicalPath(), c.name());
            }
            bc().preRestore();
            inProgress = true;
            return null;
        });
    }

    @Override
    public void postRestore() {
        on(() -> {
            if (!inProgress) {
                throw new VssException(HResult.VSS_E_BAD_STATE, "PostRestore needs a successful PreRestore first");
            }
            for (SelectedComponent c : components()) {
                bc().setFileRestoreStatus(c.writerId(), c.logicalPath(), c.name(), ComBackupComponents.VSS_RS_ALL);
            }
            inProgress = false;
            bc().postRestore();
            return null;
        });
    }

    @Override
    public boolean restoreInProgress() {
        return inProgress;
    }

    @Override
    public List<Writer> gatherWriterStatus() {
        return on(() -> bc().gatherWriterStatus());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            com.call(() -> {
                try {
                    if (inProgress) {
                        inProgress = false;
                        bc.postRestore(); // no writer is left mid-restore
                    }
                } finally {
                    if (bc != null) {
                        bc.close();
                    }
                }
                return null;
            });
        } finally {
            closed = true;
        }
    }
}
