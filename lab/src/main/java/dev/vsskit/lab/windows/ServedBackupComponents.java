package dev.vsskit.lab.windows;

import com.sun.jna.Pointer;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.vss.LabVss;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.coordinator.VssWriter;
import dev.vsskit.vss.coordinator.WriterEvent;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.BackupType;
import dev.vsskit.vss.session.RestoreSession;
import dev.vsskit.vss.session.SnapshotSetResult;
import dev.vsskit.vss.session.WriterMetadata;
import dev.vsskit.vss.windows.NativeData;
import java.util.ArrayList;
import java.util.List;

/**
 * IVssBackupComponents over the lab's VSS coordinator: each slot the binding uses forwards to the lab's backup or
 * restore session (InitializeForBackup / InitializeForRestore open one), asynchronous phases return a
 * {@link ServedAsync} with the phase's HRESULT. Two rules of its own, both as on Windows: Identify
 * (GatherWriterMetadata) does not clear a writer's last state, so a requester that only lists writers sees the
 * states the lab keeps; the lab session's own Identify runs when the requester goes on to a backup. It also
 * checks the requester: a Release after PrepareForBackup without AbortBackup or completion is a violation.
 */
final class ServedBackupComponents extends ServedObject {

    static final int VSS_CTX_ALL = 0xffffffff;
    static final int VSS_OBJECT_SNAPSHOT_SET = 2;
    static final int VSS_OBJECT_SNAPSHOT = 3;
    static final int S_FALSE = 1;
    static final int E_INVALIDARG = 0x80070057;
    static final int EXPOSED_LOCALLY = 0x100000;
    static final VssId IID_EX2 = VssId.parse("{acfe2b3a-22c9-4ef8-bd03-2f9ca230084e}");

    private final LabHost host;
    private BackupSession session;
    private RestoreSession restore;
    private SnapshotContext context = SnapshotContext.BACKUP;
    private List<WriterMetadata> metadata = List.of();
    private boolean identified;
    private boolean caughtUp;
    private List<Writer> status = List.of();
    private final List<Shadow> created = new ArrayList<>();
    private boolean prepared;
    private boolean completed;
    private boolean aborted;

    ServedBackupComponents(ServedVss vss, LabHost host) {
        super(vss, "IVssBackupComponents", 54);
        this.host = host;
        set(5, (Fn.FP) (self, xml) -> hr("InitializeForBackup", () -> {
            session = host.openBackupSession();
            session.initializeForBackup();
            return 0;
        }));
        set(6, (Fn.FBBIB) (self, select, bootable, type, partial) -> hr("SetBackupState", () -> {
            backup().setBackupState(select != 0, bootable != 0, BackupType.values()[type], partial != 0);
            return 0;
        }));
        set(7, (Fn.FP) (self, xml) -> hr("InitializeForRestore", () -> {
            restore = host.openRestoreSession();
            restore.initializeForRestore(NativeData.readUtf16(xml));
            return 0;
        }));
        set(9, (Fn.FP) (self, out) -> async(out, "GatherWriterMetadata", this::gatherWriterMetadata));
        set(10, (Fn.FP) (self, count) -> hr("GetWriterMetadataCount", () -> {
            count.setInt(0, metadata.size());
            return 0;
        }));
        set(11, (Fn.FIPP) (self, i, instance, out) -> hr("GetWriterMetadata", () -> {
            if (i < 0 || i >= metadata.size()) {
                return E_INVALIDARG;
            }
            NativeData.writeGuid(instance, 0, metadata.get(i).instanceId());
            out.setPointer(0, new ServedWriterMetadata(vss, metadata.get(i)).pointer());
            return 0;
        }));
        set(12, (Fn.F0) self -> hr("FreeWriterMetadata", () -> 0));
        set(13, (Fn.FGGIPP) (self, instance, writer, type, lp, name) -> hr("AddComponent", () -> {
            checkType(NativeData.fromGuid(writer), type, "AddComponent");
            catchUp();
            backup().addComponent(NativeData.fromGuid(instance), NativeData.fromGuid(writer), NativeData.readUtf16(lp),
                    NativeData.readUtf16(name));
            return 0;
        }));
        set(14, (Fn.FP) (self, out) -> {
            prepared = true;
            return async(out, "PrepareForBackup", () -> {
                catchUp();
                backup().prepareForBackup();
            });
        });
        set(15, (Fn.F0) self -> hr("AbortBackup", () -> {
            aborted = true;
            vss.aborted();
            backup().abortBackup();
            return 0;
        }));
        set(16, (Fn.FP) (self, out) -> async(out, "GatherWriterStatus", () -> {
            if (restore != null) {
                status = restore.gatherWriterStatus();
            } else {
                status = caughtUp ? backup().gatherWriterStatus() : host.writers();
            }
        }));
        set(17, (Fn.FP) (self, count) -> hr("GetWriterStatusCount", () -> {
            count.setInt(0, status.size());
            return 0;
        }));
        set(18, (Fn.F0) self -> hr("FreeWriterStatus", () -> 0));
        set(19, (Fn.FIPPPPP) (self, i, instance, writer, name, state, failure) -> hr("GetWriterStatus", () -> {
            if (i < 0 || i >= status.size()) {
                return E_INVALIDARG;
            }
            Writer w = status.get(i);
            NativeData.writeGuid(instance, 0, w.instanceId());
            NativeData.writeGuid(writer, 0, w.writerId());
            name.setPointer(0, vss.heap().bstr(w.name()));
            state.setInt(0, w.state().value());
            failure.setInt(0, w.lastError().hresult().map(HResult::value).orElse(
                    w.lastError() == dev.vsskit.vss.WriterError.NO_ERROR ? 0 : HResult.VSS_E_UNEXPECTED_WRITER_ERROR.value()));
            return 0;
        }));
        set(20, (Fn.FGGIPPB) (self, instance, writer, type, lp, name, ok) -> hr("SetBackupSucceeded", () -> {
            checkType(NativeData.fromGuid(writer), type, "SetBackupSucceeded");
            backup().setBackupSucceeded(NativeData.fromGuid(instance), NativeData.fromGuid(writer),
                    NativeData.readUtf16(lp), NativeData.readUtf16(name), ok != 0);
            return 0;
        }));
        set(22, (Fn.FGIPPB) (self, writer, type, lp, name, selected) -> hr("SetSelectedForRestore", () -> {
            VssId w = NativeData.fromGuid(writer);
            checkType(w, type, "SetSelectedForRestore");
            String l = NativeData.readUtf16(lp);
            String n = NativeData.readUtf16(name);
            boolean known = restore().components().stream().anyMatch(c -> c.writerId().equals(w)
                    && c.logicalPath().equalsIgnoreCase(l) && c.name().equalsIgnoreCase(n));
            if (!known) {
                throw new VssException(HResult.VSS_E_OBJECT_NOT_FOUND, "the component '" + n + "' is not in this restore");
            }
            return 0;
        }));
        set(26, (Fn.FP) (self, out) -> hr("SaveAsXML", () -> {
            out.setPointer(0, vss.heap().bstr(backup().saveAsXml()));
            return 0;
        }));
        set(27, (Fn.FP) (self, out) -> async(out, "BackupComplete", () -> {
            backup().backupComplete();
            completed = true;
        }));
        set(30, (Fn.FGIPPI) (self, writer, type, lp, name, st) -> hr("SetFileRestoreStatus", () -> {
            checkType(NativeData.fromGuid(writer), type, "SetFileRestoreStatus");
            return 0;
        }));
        set(33, (Fn.FP) (self, out) -> async(out, "PreRestore", () -> restore().preRestore()));
        set(34, (Fn.FP) (self, out) -> async(out, "PostRestore", () -> restore().postRestore()));
        set(35, (Fn.FI) (self, ctx) -> hr("SetContext", () -> {
            if (ctx == VSS_CTX_ALL) {
                return 0; // queries and deletes of every context
            }
            context = SnapshotContext.of(ctx).orElseThrow(() -> new VssException(HResult.VSS_E_UNSUPPORTED_CONTEXT,
                    "context " + ctx));
            backup().setContext(context);
            return 0;
        }));
        set(36, (Fn.FP) (self, out) -> hr("StartSnapshotSet", () -> {
            if (vss.faults().takeSetInProgress()) {
                return HResult.VSS_E_SNAPSHOT_SET_IN_PROGRESS.value();
            }
            catchUp();
            NativeData.writeGuid(out, 0, backup().startSnapshotSet());
            return 0;
        }));
        set(37, (Fn.FPGP) (self, volume, provider, out) -> hr("AddToSnapshotSet", () -> {
            NativeData.writeGuid(out, 0, backup().addToSnapshotSet(NativeData.readUtf16(volume), NativeData.fromGuid(provider)));
            return 0;
        }));
        set(38, (Fn.FP) (self, out) -> async(out, "DoSnapshotSet", () -> {
            SnapshotSetResult r = backup().doSnapshotSet();
            created.addAll(r.shadows());
            if (context.isPersistent()) {
                completed = true;
            }
        }));
        set(39, (Fn.FGIIPP) (self, id, type, force, deleted, nondeleted) -> hr("DeleteSnapshots", () -> {
            VssId target = NativeData.fromGuid(id);
            List<VssId> ids = type == VSS_OBJECT_SNAPSHOT ? List.of(target)
                    : host.shadows().stream().filter(s -> s.setId().equals(target)).map(Shadow::shadowId).toList();
            if (type != VSS_OBJECT_SNAPSHOT && type != VSS_OBJECT_SNAPSHOT_SET) {
                return E_INVALIDARG;
            }
            if (ids.isEmpty()) {
                return HResult.VSS_E_OBJECT_NOT_FOUND.value();
            }
            int n = 0;
            for (VssId s : ids) {
                try {
                    host.deleteShadow(s);
                    n++;
                } catch (VssException e) {
                    deleted.setInt(0, n);
                    NativeData.writeGuid(nondeleted, 0, s);
                    throw e;
                }
            }
            deleted.setInt(0, n);
            return 0;
        }));
        set(42, (Fn.FGP) (self, id, prop) -> hr("GetSnapshotProperties", () -> {
            VssId want = NativeData.fromGuid(id);
            Shadow s = created.stream().filter(x -> x.shadowId().equals(want)).findFirst()
                    .or(() -> host.shadows().stream().filter(x -> x.shadowId().equals(want)).findFirst())
                    .orElseThrow(() -> new VssException(HResult.VSS_E_OBJECT_NOT_FOUND, "no shadow " + want));
            ServedStructs.snapshotProp(vss.heap(), prop, s, vss.exposedAt(s.shadowId()));
            return 0;
        }));
        set(43, (Fn.FGIIP) (self, id, queried, returned, out) -> hr("Query", () -> {
            if (returned != VSS_OBJECT_SNAPSHOT) {
                return E_INVALIDARG;
            }
            List<Shadow> shadows = host.shadows();
            if (shadows.isEmpty()) {
                out.setPointer(0, Pointer.NULL);
                return S_FALSE;
            }
            var op = dev.vsskit.vss.windows.ComStruct.OBJECT_PROP;
            out.setPointer(0, new ServedEnum<>(vss, "IVssEnumObject", shadows, VSS_OBJECT_SNAPSHOT, op.size(),
                    op.offset("Obj"), (Pointer p, Shadow s) -> ServedStructs.snapshotProp(vss.heap(), p, s, vss.exposedAt(s.shadowId()))).pointer());
            return 0;
        }));
        exposeAndRevert();
    }

    /** IVssBackupComponents slots 48-50, QueryInterface for IVssBackupComponentsEx2 and its UnexposeSnapshot (53). */
    private void exposeAndRevert() {
        set(0, (Fn.FPP) (self, iid, out) -> hr("QueryInterface", () -> {
            if (NativeData.readGuid(iid, 0).equals(IID_EX2)) {
                addRef();
                out.setPointer(0, pointer());
                return 0;
            }
            out.setPointer(0, Pointer.NULL);
            return E_NOINTERFACE;
        }));
        set(48, (Fn.FGPIPP) (self, id, fromRoot, attributes, expose, out) -> hr("ExposeSnapshot", () -> {
            VssId shadow = NativeData.fromGuid(id);
            String at = NativeData.readUtf16(expose);
            if (fromRoot != null || at == null || (attributes & EXPOSED_LOCALLY) == 0) {
                return E_INVALIDARG; // the lab exposes locally, at a path, only
            }
            String name = host.exposeShadow(shadow, java.nio.file.Path.of(at));
            vss.exposed(shadow, at);
            out.setPointer(0, vss.heap().string(name));
            return 0;
        }));
        set(49, (Fn.FGI) (self, id, force) -> hr("RevertToSnapshot", () -> {
            host.revertToShadow(NativeData.fromGuid(id));
            return 0;
        }));
        set(50, (Fn.FPP) (self, volume, out) -> async(out, "QueryRevertStatus", () -> { }));
        set(53, (Fn.FG) (self, id) -> hr("UnexposeSnapshot", () -> {
            VssId shadow = NativeData.fromGuid(id);
            String at = vss.exposedAt(shadow);
            if (at == null) {
                throw new VssException(HResult.VSS_E_OBJECT_NOT_FOUND, "shadow copy " + shadow + " is not exposed");
            }
            host.unexposeShadow(java.nio.file.Path.of(at));
            vss.unexposed(shadow);
            return 0;
        }));
    }

    private BackupSession backup() {
        if (session == null) {
            throw new VssException(HResult.VSS_E_BAD_STATE, "InitializeForBackup was not called");
        }
        return session;
    }

    private RestoreSession restore() {
        if (restore == null) {
            throw new VssException(HResult.VSS_E_BAD_STATE, "InitializeForRestore was not called");
        }
        return restore;
    }

    private void gatherWriterMetadata() {
        if (restore != null) {
            metadata = restore.gatherWriterMetadata();
            return;
        }
        backup();
        List<WriterMetadata> out = new ArrayList<>();
        for (VssWriter w : LabVss.coordinator(host).writerImplementations()) {
            try {
                out.add(w.identify(new WriterEvent(VssId.NULL, context, BackupType.FULL, List.of(), List.of())));
            } catch (RuntimeException e) {
                // a writer that fails Identify is left out, as VSS does
            }
        }
        metadata = out;
        identified = true;
    }

    /** The lab session's own Identify, once the requester goes beyond listing. */
    private void catchUp() {
        if (identified && !caughtUp) {
            caughtUp = true;
            backup().gatherWriterMetadata();
        }
    }

    private void checkType(VssId writerId, int type, String call) {
        for (WriterMetadata m : metadata) {
            if (m.writerId().equals(writerId) && ServedWriterMetadata.componentType(m.name()) != type) {
                throw new VssException(HResult.VSS_E_OBJECT_NOT_FOUND, call + " named component type " + type
                        + ", but the writer '" + m.name() + "' reported " + ServedWriterMetadata.componentType(m.name()));
            }
        }
    }

    private int async(Pointer out, String operation, Runnable work) {
        return hr(operation, () -> {
            int result;
            try {
                work.run();
                result = 0;
            } catch (VssException e) {
                vss.lastFailure(operation + ": " + e.getMessage());
                result = e.hresult().value();
            }
            out.setPointer(0, new ServedAsync(vss, operation, result, vss.faults().pending(operation)).pointer());
            return 0;
        });
    }

    @Override
    void released() {
        if (prepared && !completed && !aborted) {
            vss.violation("IVssBackupComponents released after PrepareForBackup without AbortBackup");
        }
        if (session != null) {
            session.close();
        }
        if (restore != null) {
            restore.close();
        }
    }
}
