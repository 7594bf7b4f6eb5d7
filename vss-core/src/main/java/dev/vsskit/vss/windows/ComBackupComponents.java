package dev.vsskit.vss.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.WriterError;
import dev.vsskit.vss.WriterState;
import dev.vsskit.vss.session.WriterComponent;
import dev.vsskit.vss.session.WriterMetadata;
import dev.vsskit.vss.windows.ComInterfaces.Async;
import dev.vsskit.vss.windows.ComInterfaces.BackupComponents;
import dev.vsskit.vss.windows.ComInterfaces.ExamineWriterMetadata;
import dev.vsskit.vss.windows.ComInterfaces.WMComponent;
import dev.vsskit.vss.windows.ComInterfaces.WMFiledesc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One {@code IVssBackupComponents} object, used only on the COM thread. Everything VSS allocates is freed here
 * (BSTRs, writer metadata and status, snapshot properties); once {@code PrepareForBackup} was called, closing
 * without {@link #completed()} calls {@code AbortBackup} before {@code Release}.
 */
final class ComBackupComponents implements AutoCloseable {

    /** VSS_OBJECT_TYPE values. */
    static final int VSS_OBJECT_NONE = 1;
    static final int VSS_OBJECT_SNAPSHOT_SET = 2;
    static final int VSS_OBJECT_SNAPSHOT = 3;
    /** VSS_FILE_RESTORE_STATUS VSS_RS_ALL. */
    static final int VSS_RS_ALL = 2;

    /** A writer component with the VSS_COMPONENT_TYPE COM wants back in AddComponent and SetBackupSucceeded. */
    record TypedComponent(VssId writerId, VssId instanceId, String logicalPath, String name, int componentType) {
    }

    private final VssNative nat;
    private final ComTiming timing;
    private Pointer self;
    private boolean prepared;
    private boolean completed;
    private boolean aborted;
    private boolean readingStatus;
    /** Component types from the writers' metadata, keyed by instance id, logical path and name. */
    private final Map<String, TypedComponent> types = new HashMap<>();
    private Consumer<String> warnings = w -> { };

    ComBackupComponents(VssNative nat, ComTiming timing) {
        this.nat = nat;
        this.timing = timing;
        PointerByReference out = new PointerByReference();
        int hr = nat.createVssBackupComponents(out);
        ComThread.check(hr, "CreateVssBackupComponents");
        self = out.getValue();
    }

    void onWarning(Consumer<String> w) {
        this.warnings = w;
    }

    void initializeForBackup() {
        ComThread.check(BackupComponents.INITIALIZE_FOR_BACKUP.call(self, (Pointer) null), BackupComponents.INITIALIZE_FOR_BACKUP);
    }

    void initializeForRestore(String xml) {
        ComThread.check(BackupComponents.INITIALIZE_FOR_RESTORE.call(self, NativeData.bstr(xml)),
                BackupComponents.INITIALIZE_FOR_RESTORE);
    }

    void setContext(int context) {
        ComThread.check(BackupComponents.SET_CONTEXT.call(self, context), BackupComponents.SET_CONTEXT);
    }

    void setBackupState(boolean select, boolean bootable, int backupType, boolean partial) {
        ComThread.check(BackupComponents.SET_BACKUP_STATE.call(self, b(select), b(bootable), backupType, b(partial)),
                BackupComponents.SET_BACKUP_STATE);
    }

    /** GatherWriterMetadata, then each writer's identity and components; the metadata is freed before returning. */
    List<WriterMetadata> gatherWriterMetadata() {
        runAsync(BackupComponents.GATHER_WRITER_METADATA);
        List<WriterMetadata> out = new ArrayList<>();
        try {
            Memory count = ComThread.out(4);
            ComThread.check(BackupComponents.GET_WRITER_METADATA_COUNT.call(self, count), BackupComponents.GET_WRITER_METADATA_COUNT);
            for (int i = 0; i < count.getInt(0); i++) {
                Memory instance = ComThread.out(16);
                PointerByReference md = new PointerByReference();
                ComThread.check(BackupComponents.GET_WRITER_METADATA.call(self, i, instance, md.getPointer()),
                        BackupComponents.GET_WRITER_METADATA);
                try {
                    out.add(readMetadata(md.getValue()));
                } finally {
                    ComThread.release(md.getValue());
                }
            }
        } finally {
            ComThread.check(BackupComponents.FREE_WRITER_METADATA.call(self), BackupComponents.FREE_WRITER_METADATA);
        }
        return out;
    }

    private WriterMetadata readMetadata(Pointer md) {
        Memory instance = ComThread.out(16);
        Memory writer = ComThread.out(16);
        PointerByReference name = new PointerByReference();
        Memory usage = ComThread.out(4);
        Memory source = ComThread.out(4);
        ComThread.check(ExamineWriterMetadata.GET_IDENTITY.call(md, instance, writer, name.getPointer(), usage, source),
                ExamineWriterMetadata.GET_IDENTITY);
        String writerName = takeBstr(name.getValue());
        VssId instanceId = NativeData.readGuid(instance, 0);
        VssId writerId = NativeData.readGuid(writer, 0);
        Memory includes = ComThread.out(4);
        Memory excludes = ComThread.out(4);
        Memory components = ComThread.out(4);
        ComThread.check(ExamineWriterMetadata.GET_FILE_COUNTS.call(md, includes, excludes, components),
                ExamineWriterMetadata.GET_FILE_COUNTS);
        List<WriterComponent> list = new ArrayList<>();
        for (int c = 0; c < components.getInt(0); c++) {
            PointerByReference comp = new PointerByReference();
            ComThread.check(ExamineWriterMetadata.GET_COMPONENT.call(md, c, comp.getPointer()), ExamineWriterMetadata.GET_COMPONENT);
            try {
                WriterComponent wc = readComponent(comp.getValue(), writerId, instanceId);
                list.add(wc);
            } finally {
                ComThread.release(comp.getValue());
            }
        }
        return new WriterMetadata(writerName == null ? "" : writerName, writerId, instanceId, list);
    }

    private WriterComponent readComponent(Pointer comp, VssId writerId, VssId instanceId) {
        PointerByReference infoRef = new PointerByReference();
        ComThread.check(WMComponent.GET_COMPONENT_INFO.call(comp, infoRef.getPointer()), WMComponent.GET_COMPONENT_INFO);
        Pointer info = infoRef.getValue();
        ComStruct ci = ComStruct.COMPONENT_INFO;
        int type;
        String logicalPath;
        String name;
        String caption;
        int files;
        try {
            type = info.getInt(ci.offset("type"));
            logicalPath = nz(NativeData.readUtf16(info.getPointer(ci.offset("bstrLogicalPath"))));
            name = nz(NativeData.readUtf16(info.getPointer(ci.offset("bstrComponentName"))));
            caption = nz(NativeData.readUtf16(info.getPointer(ci.offset("bstrCaption"))));
            files = info.getInt(ci.offset("cFileCount"));
        } finally {
            ComThread.check(WMComponent.FREE_COMPONENT_INFO.call(comp, info), WMComponent.FREE_COMPONENT_INFO);
        }
        List<String> paths = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            PointerByReference desc = new PointerByReference();
            ComThread.check(WMComponent.GET_FILE.call(comp, f, desc.getPointer()), WMComponent.GET_FILE);
            try {
                PointerByReference path = new PointerByReference();
                ComThread.check(WMFiledesc.GET_PATH.call(desc.getValue(), path.getPointer()), WMFiledesc.GET_PATH);
                String dir = nz(takeBstr(path.getValue()));
                PointerByReference spec = new PointerByReference();
                ComThread.check(WMFiledesc.GET_FILESPEC.call(desc.getValue(), spec.getPointer()), WMFiledesc.GET_FILESPEC);
                String file = nz(takeBstr(spec.getValue()));
                paths.add(dir.isEmpty() || dir.endsWith("\\") ? dir + file : dir + "\\" + file);
            } finally {
                ComThread.release(desc.getValue());
            }
        }
        types.put(key(instanceId, logicalPath, name), new TypedComponent(writerId, instanceId, logicalPath, name, type));
        HyperVCaption hv = HyperVCaption.parse(caption);
        return new WriterComponent(logicalPath, name, hv.caption(), paths, hv.backupMethod());
    }

    /** The VSS_COMPONENT_TYPE the writer gave for this component in its metadata. */
    int componentType(VssId instanceId, String logicalPath, String name) {
        TypedComponent t = types.get(key(instanceId, logicalPath, name));
        if (t == null) {
            throw new VssException(HResult.VSS_E_OBJECT_NOT_FOUND, "no writer instance " + instanceId
                    + " reported the component '" + (logicalPath.isEmpty() ? "" : logicalPath + "\\") + name
                    + "' in its metadata (call gatherWriterMetadata first)");
        }
        return t.componentType();
    }

    /** The component type by writer class id (restore calls name the writer, not its instance). */
    int componentTypeByWriter(VssId writerId, String logicalPath, String name) {
        for (TypedComponent t : types.values()) {
            if (t.writerId().equals(writerId) && t.logicalPath().equalsIgnoreCase(logicalPath)
                    && t.name().equalsIgnoreCase(name)) {
                return t.componentType();
            }
        }
        throw new VssException(HResult.VSS_E_OBJECT_NOT_FOUND, "the writer " + writerId + " reported no component '"
                + name + "' in its metadata");
    }

    private static String key(VssId instance, String logicalPath, String name) {
        return instance + "|" + logicalPath.toLowerCase(Locale.ROOT) + "|" + name.toLowerCase(Locale.ROOT);
    }

    void addComponent(VssId instanceId, VssId writerId, String logicalPath, String name) {
        int type = componentType(instanceId, logicalPath, name);
        ComThread.check(BackupComponents.ADD_COMPONENT.call(self, NativeData.byValue(instanceId),
                NativeData.byValue(writerId), type, NativeData.utf16(logicalPath), NativeData.utf16(name)),
                BackupComponents.ADD_COMPONENT);
    }

    void setBackupSucceeded(VssId instanceId, VssId writerId, String logicalPath, String name, boolean ok) {
        int type = componentType(instanceId, logicalPath, name);
        ComThread.check(BackupComponents.SET_BACKUP_SUCCEEDED.call(self, NativeData.byValue(instanceId),
                NativeData.byValue(writerId), type, NativeData.utf16(logicalPath), NativeData.utf16(name), b(ok)),
                BackupComponents.SET_BACKUP_SUCCEEDED);
    }

    void setSelectedForRestore(VssId writerId, String logicalPath, String name) {
        int type = componentTypeByWriter(writerId, logicalPath, name);
        ComThread.check(BackupComponents.SET_SELECTED_FOR_RESTORE.call(self, NativeData.byValue(writerId), type,
                NativeData.utf16(logicalPath), NativeData.utf16(name), b(true)), BackupComponents.SET_SELECTED_FOR_RESTORE);
    }

    void setFileRestoreStatus(VssId writerId, String logicalPath, String name, int status) {
        int type = componentTypeByWriter(writerId, logicalPath, name);
        ComThread.check(BackupComponents.SET_FILE_RESTORE_STATUS.call(self, NativeData.byValue(writerId), type,
                NativeData.utf16(logicalPath), NativeData.utf16(name), status), BackupComponents.SET_FILE_RESTORE_STATUS);
    }

    /**
     * StartSnapshotSet, retried every {@code retryPause} while VSS_E_SNAPSHOT_SET_IN_PROGRESS, until
     * {@code setInProgressWindow} has passed.
     */
    VssId startSnapshotSet() {
        long end = System.nanoTime() + timing.setInProgressWindow().toNanos();
        while (true) {
            Memory id = ComThread.out(16);
            int hr = BackupComponents.START_SNAPSHOT_SET.call(self, id);
            if (hr == HResult.VSS_E_SNAPSHOT_SET_IN_PROGRESS.value() && System.nanoTime() < end) {
                sleep(timing.retryPause().toMillis());
                continue;
            }
            if (hr == HResult.VSS_E_SNAPSHOT_SET_IN_PROGRESS.value()) {
                throw new VssException(HResult.VSS_E_SNAPSHOT_SET_IN_PROGRESS, "another shadow copy set is being "
                        + "created on this host (another backup program, or Windows' scheduled shadow copies); vsskit "
                        + "retried for " + timing.setInProgressWindow().toSeconds() + " s; try again later");
            }
            ComThread.check(hr, BackupComponents.START_SNAPSHOT_SET);
            return NativeData.readGuid(id, 0);
        }
    }

    VssId addToSnapshotSet(String volume, VssId providerId) {
        Memory id = ComThread.out(16);
        ComThread.check(BackupComponents.ADD_TO_SNAPSHOT_SET.call(self, NativeData.utf16(volume),
                NativeData.byValue(providerId), id), BackupComponents.ADD_TO_SNAPSHOT_SET);
        return NativeData.readGuid(id, 0);
    }

    void prepareForBackup() {
        prepared = true; // from here on, every failure path aborts
        runAsync(BackupComponents.PREPARE_FOR_BACKUP);
    }

    void doSnapshotSet() {
        runAsync(BackupComponents.DO_SNAPSHOT_SET);
    }

    void backupComplete() {
        runAsync(BackupComponents.BACKUP_COMPLETE);
        completed = true;
    }

    void preRestore() {
        runAsync(BackupComponents.PRE_RESTORE);
    }

    void postRestore() {
        runAsync(BackupComponents.POST_RESTORE);
    }

    /** The persistent shadows of a set need no abort once it committed. */
    void markCompleted() {
        completed = true;
    }

    boolean completed() {
        return completed;
    }

    /** GatherWriterStatus, every writer's status, then FreeWriterStatus. */
    List<Writer> gatherWriterStatus() {
        runAsync(BackupComponents.GATHER_WRITER_STATUS);
        List<Writer> out = new ArrayList<>();
        try {
            Memory count = ComThread.out(4);
            ComThread.check(BackupComponents.GET_WRITER_STATUS_COUNT.call(self, count), BackupComponents.GET_WRITER_STATUS_COUNT);
            for (int i = 0; i < count.getInt(0); i++) {
                Memory instance = ComThread.out(16);
                Memory writer = ComThread.out(16);
                PointerByReference name = new PointerByReference();
                Memory state = ComThread.out(4);
                Memory failure = ComThread.out(4);
                ComThread.check(BackupComponents.GET_WRITER_STATUS.call(self, i, instance, writer, name.getPointer(),
                        state, failure), BackupComponents.GET_WRITER_STATUS);
                String writerName = nz(takeBstr(name.getValue()));
                int hr = failure.getInt(0);
                WriterError error = hr == 0 ? WriterError.NO_ERROR : WriterError.of(HResult.of(hr).orElse(null));
                if (hr != 0 && error == WriterError.NO_ERROR) {
                    error = WriterError.UNEXPECTED;
                }
                out.add(new Writer(writerName, NativeData.readGuid(writer, 0), NativeData.readGuid(instance, 0),
                        WriterState.of(state.getInt(0)), error));
            }
        } finally {
            ComThread.check(BackupComponents.FREE_WRITER_STATUS.call(self), BackupComponents.FREE_WRITER_STATUS);
        }
        return out;
    }

    /** SaveAsXML: the Backup Components Document VSS keeps for a restore. */
    String saveAsXml() {
        PointerByReference xml = new PointerByReference();
        ComThread.check(BackupComponents.SAVE_AS_XML.call(self, xml.getPointer()), BackupComponents.SAVE_AS_XML);
        return nz(takeBstr(xml.getValue()));
    }

    /** GetSnapshotProperties, read and freed with VssFreeSnapshotProperties. */
    ComShadows.Props snapshotProperties(VssId shadowId) {
        Memory prop = ComThread.out(ComStruct.SNAPSHOT_PROP.size());
        ComThread.check(BackupComponents.GET_SNAPSHOT_PROPERTIES.call(self, NativeData.byValue(shadowId), prop),
                BackupComponents.GET_SNAPSHOT_PROPERTIES);
        try {
            return ComShadows.read(prop);
        } finally {
            nat.vssFreeSnapshotProperties(prop);
        }
    }

    /** Query(GUID_NULL, VSS_OBJECT_NONE, VSS_OBJECT_SNAPSHOT): every shadow of the context set before. */
    List<ComShadows.Props> querySnapshots() {
        PointerByReference en = new PointerByReference();
        int hr = BackupComponents.QUERY.call(self, NativeData.byValue(VssId.NULL), VSS_OBJECT_NONE, VSS_OBJECT_SNAPSHOT,
                en.getPointer());
        ComThread.check(hr, BackupComponents.QUERY);
        List<ComShadows.Props> out = new ArrayList<>();
        if (en.getValue() == null) {
            return out; // S_FALSE: no shadow copies
        }
        try {
            ComStruct op = ComStruct.OBJECT_PROP;
            while (true) {
                Memory prop = ComThread.out(op.size());
                Memory fetched = ComThread.out(4);
                int next = ComInterfaces.EnumObject.NEXT.call(en.getValue(), 1, prop, fetched);
                ComThread.check(next, ComInterfaces.EnumObject.NEXT);
                if (fetched.getInt(0) == 0) {
                    break;
                }
                Pointer snap = prop.share(op.offset("Obj.Snap"));
                try {
                    if (prop.getInt(op.offset("Type")) == VSS_OBJECT_SNAPSHOT) {
                        out.add(ComShadows.read(snap));
                    }
                } finally {
                    nat.vssFreeSnapshotProperties(snap);
                }
            }
        } finally {
            ComThread.release(en.getValue());
        }
        return out;
    }

    /** DeleteSnapshots of one shadow or a whole set; returns how many were deleted. */
    int deleteSnapshots(VssId id, int objectType) {
        Memory deleted = ComThread.out(4);
        Memory nondeleted = ComThread.out(16);
        int hr = BackupComponents.DELETE_SNAPSHOTS.call(self, NativeData.byValue(id), objectType, 1, deleted, nondeleted);
        if (hr == HResult.VSS_E_OBJECT_NOT_FOUND.value()) {
            throw new VssException(HResult.VSS_E_OBJECT_NOT_FOUND, "no shadow copy " + id + " on this host");
        }
        if (hr < 0 && !NativeData.readGuid(nondeleted, 0).equals(VssId.NULL)) {
            throw ComThread.failure(hr, "DeleteSnapshots could not delete shadow copy " + NativeData.readGuid(nondeleted, 0)
                    + " (" + deleted.getInt(0) + " deleted)");
        }
        ComThread.check(hr, BackupComponents.DELETE_SNAPSHOTS);
        return deleted.getInt(0);
    }

    /** ExposeSnapshot; returns the exposed name VSS chose (freed with CoTaskMemFree). */
    String exposeSnapshot(VssId shadowId, String pathFromRoot, int attributes, String expose) {
        PointerByReference exposed = new PointerByReference();
        ComThread.check(BackupComponents.EXPOSE_SNAPSHOT.call(self, NativeData.byValue(shadowId),
                pathFromRoot == null ? null : NativeData.utf16(pathFromRoot), attributes,
                expose == null ? null : NativeData.utf16(expose), exposed.getPointer()), BackupComponents.EXPOSE_SNAPSHOT);
        Pointer p = exposed.getValue();
        try {
            return NativeData.readUtf16(p);
        } finally {
            if (p != null) {
                nat.coTaskMemFree(p);
            }
        }
    }

    /** RevertToSnapshot, then QueryRevertStatus of the volume until the revert finished. */
    void revertToSnapshot(VssId shadowId, String volumeName, boolean forceDismount) {
        ComThread.check(BackupComponents.REVERT_TO_SNAPSHOT.call(self, NativeData.byValue(shadowId), forceDismount ? 1 : 0),
                BackupComponents.REVERT_TO_SNAPSHOT);
        runAsync(BackupComponents.QUERY_REVERT_STATUS, NativeData.utf16(volumeName));
    }

    /** IVssBackupComponentsEx2::UnexposeSnapshot, through QueryInterface. */
    void unexposeSnapshot(VssId shadowId) {
        PointerByReference ex2 = new PointerByReference();
        ComThread.check(BackupComponents.QUERY_INTERFACE.call(self, NativeData.guidMemory(ComInterfaces.BackupComponentsEx2.IID),
                ex2.getPointer()), "QueryInterface(IVssBackupComponentsEx2)");
        try {
            ComThread.check(ComInterfaces.BackupComponentsEx2.UNEXPOSE_SNAPSHOT.call(ex2.getValue(),
                    NativeData.byValue(shadowId)), ComInterfaces.BackupComponentsEx2.UNEXPOSE_SNAPSHOT);
        } finally {
            ComThread.release(ex2.getValue());
        }
    }

    /** AbortBackup, reporting (not throwing) a failure: used on failure paths. */
    void abortQuietly() {
        if (aborted) {
            return;
        }
        aborted = true;
        int hr = BackupComponents.ABORT_BACKUP.call(self);
        if (hr < 0) {
            warnings.accept("AbortBackup failed with " + HResults.describe(hr));
        }
    }

    /**
     * Starts an asynchronous operation and waits for it: {@code Wait(chunk)} then {@code QueryStatus} until it is
     * no longer VSS_S_ASYNC_PENDING; past {@code asyncDeadline} it is cancelled and, after PrepareForBackup, the
     * backup is aborted. A failed result after PrepareForBackup aborts the backup too.
     */
    void runAsync(ComMethod start, Object... before) {
        PointerByReference asyncRef = new PointerByReference();
        Object[] args = java.util.Arrays.copyOf(before, before.length + 1);
        args[before.length] = asyncRef.getPointer();
        int hr = start.call(self, args);
        if (hr < 0) {
            failAfterPrepare();
            ComThread.check(hr, start);
        }
        Pointer async = asyncRef.getValue();
        int status;
        try {
            status = await(async, start);
        } finally {
            ComThread.release(async);
        }
        if (status < 0) {
            List<String> failed = readingStatus ? List.of() : failedWriters();
            failAfterPrepare();
            RuntimeException e = ComThread.failure(status, start.name() + " failed"
                    + (failed.isEmpty() ? "" : " (" + String.join("; ", failed) + ")"));
            throw e;
        }
    }

    private int await(Pointer async, ComMethod start) {
        long end = System.nanoTime() + timing.asyncDeadline().toNanos();
        int chunk = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timing.waitChunk().toMillis()));
        Memory status = ComThread.out(4);
        while (true) {
            int hr = Async.WAIT.call(async, chunk);
            if (hr < 0) {
                return hr;
            }
            ComThread.check(Async.QUERY_STATUS.call(async, status, null), Async.QUERY_STATUS);
            int s = status.getInt(0);
            if (s != HResult.VSS_S_ASYNC_PENDING.value()) {
                return s == HResult.VSS_S_ASYNC_CANCELLED.value() ? HResult.VSS_E_UNEXPECTED.value() : s;
            }
            if (System.nanoTime() >= end) {
                int c = Async.CANCEL.call(async);
                if (c < 0) {
                    warnings.accept("IVssAsync::Cancel of " + start.name() + " failed with " + HResults.describe(c));
                }
                failAfterPrepare();
                throw new VssException(HResult.VSS_E_UNEXPECTED, start.name() + " was still pending after "
                        + timing.asyncDeadline().toSeconds() + " s (vsskit's deadline); it was cancelled"
                        + (prepared ? " and the backup aborted" : ""));
            }
        }
    }

    /** After a failed phase: the writers in a failed state, named for the error message. */
    private List<String> failedWriters() {
        List<String> out = new ArrayList<>();
        try {
            for (Writer w : gatherStatusNoThrow()) {
                if (w.state().isFailed()) {
                    out.add("writer '" + w.name() + "' " + w.state().text() + ", last error: " + w.lastError().text());
                }
            }
        } catch (RuntimeException e) {
            warnings.accept("cannot read writer status after the failure: " + e.getMessage());
        }
        return out;
    }

    private List<Writer> gatherStatusNoThrow() {
        boolean wasPrepared = prepared;
        prepared = false; // a failure while reading status must not abort twice
        readingStatus = true;
        try {
            return gatherWriterStatus();
        } finally {
            prepared = wasPrepared;
            readingStatus = false;
        }
    }

    private void failAfterPrepare() {
        if (prepared && !completed) {
            abortQuietly();
        }
    }

    /** AbortBackup when PrepareForBackup was called and the backup did not complete, then Release. */
    @Override
    public void close() {
        if (self == null) {
            return;
        }
        try {
            failAfterPrepare();
        } finally {
            ComThread.release(self);
            self = null;
        }
    }

    private String takeBstr(Pointer bstr) {
        if (bstr == null || Pointer.nativeValue(bstr) == 0) {
            return null;
        }
        try {
            return NativeData.readUtf16(bstr);
        } finally {
            nat.sysFreeString(bstr);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Byte b(boolean v) {
        return v ? (byte) 1 : (byte) 0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VssException(HResult.VSS_E_UNEXPECTED, "interrupted while waiting to retry StartSnapshotSet");
        }
    }
}
