package dev.vsskit.vss.windows;

import static dev.vsskit.vss.windows.ComMethod.of;

import dev.vsskit.vss.com.internal.VtableSlots;
import java.util.List;

/**
 * The vtable methods the binding calls, with the parameter types of the SDK prototypes (vsbackup.h, vss.h,
 * vswriter.h, vsmgmt.h). {@link #ALL} is what the header check compiles against the MinGW-w64 headers.
 */
public final class ComInterfaces {

    private ComInterfaces() {
    }

    public static final String IUNKNOWN = "IUnknown";

    /** IUnknown::Release, slot 2 of every interface. */
    public static final ComMethod RELEASE = of(IUNKNOWN, 2, "Release");

    /** IVssBackupComponents (vsbackup.h). */
    public static final class BackupComponents {
        static final String I = "IVssBackupComponents";
        public static final ComMethod INITIALIZE_FOR_BACKUP = of(I, VtableSlots.IVssBackupComponents.INITIALIZE_FOR_BACKUP,
                "InitializeForBackup", "BSTR");
        public static final ComMethod SET_BACKUP_STATE = of(I, VtableSlots.IVssBackupComponents.SET_BACKUP_STATE,
                "SetBackupState", "boolean", "boolean", "VSS_BACKUP_TYPE", "boolean");
        public static final ComMethod INITIALIZE_FOR_RESTORE = of(I, VtableSlots.IVssBackupComponents.INITIALIZE_FOR_RESTORE,
                "InitializeForRestore", "BSTR");
        public static final ComMethod GATHER_WRITER_METADATA = of(I, VtableSlots.IVssBackupComponents.GATHER_WRITER_METADATA,
                "GatherWriterMetadata", "IVssAsync**");
        public static final ComMethod GET_WRITER_METADATA_COUNT = of(I,
                VtableSlots.IVssBackupComponents.GET_WRITER_METADATA_COUNT, "GetWriterMetadataCount", "UINT*");
        public static final ComMethod GET_WRITER_METADATA = of(I, VtableSlots.IVssBackupComponents.GET_WRITER_METADATA,
                "GetWriterMetadata", "UINT", "VSS_ID*", "IVssExamineWriterMetadata**");
        public static final ComMethod FREE_WRITER_METADATA = of(I, VtableSlots.IVssBackupComponents.FREE_WRITER_METADATA,
                "FreeWriterMetadata");
        public static final ComMethod ADD_COMPONENT = of(I, VtableSlots.IVssBackupComponents.ADD_COMPONENT,
                "AddComponent", "VSS_ID", "VSS_ID", "VSS_COMPONENT_TYPE", "LPCWSTR", "LPCWSTR");
        public static final ComMethod PREPARE_FOR_BACKUP = of(I, VtableSlots.IVssBackupComponents.PREPARE_FOR_BACKUP,
                "PrepareForBackup", "IVssAsync**");
        public static final ComMethod ABORT_BACKUP = of(I, VtableSlots.IVssBackupComponents.ABORT_BACKUP, "AbortBackup");
        public static final ComMethod GATHER_WRITER_STATUS = of(I, VtableSlots.IVssBackupComponents.GATHER_WRITER_STATUS,
                "GatherWriterStatus", "IVssAsync**");
        public static final ComMethod GET_WRITER_STATUS_COUNT = of(I,
                VtableSlots.IVssBackupComponents.GET_WRITER_STATUS_COUNT, "GetWriterStatusCount", "UINT*");
        public static final ComMethod FREE_WRITER_STATUS = of(I, VtableSlots.IVssBackupComponents.FREE_WRITER_STATUS,
                "FreeWriterStatus");
        public static final ComMethod GET_WRITER_STATUS = of(I, VtableSlots.IVssBackupComponents.GET_WRITER_STATUS,
                "GetWriterStatus", "UINT", "VSS_ID*", "VSS_ID*", "BSTR*", "VSS_WRITER_STATE*", "HRESULT*");
        public static final ComMethod SET_BACKUP_SUCCEEDED = of(I, VtableSlots.IVssBackupComponents.SET_BACKUP_SUCCEEDED,
                "SetBackupSucceeded", "VSS_ID", "VSS_ID", "VSS_COMPONENT_TYPE", "LPCWSTR", "LPCWSTR", "boolean");
        public static final ComMethod SET_SELECTED_FOR_RESTORE = of(I,
                VtableSlots.IVssBackupComponents.SET_SELECTED_FOR_RESTORE, "SetSelectedForRestore", "VSS_ID",
                "VSS_COMPONENT_TYPE", "LPCWSTR", "LPCWSTR", "boolean");
        public static final ComMethod SAVE_AS_XML = of(I, VtableSlots.IVssBackupComponents.SAVE_AS_XML, "SaveAsXML",
                "BSTR*");
        public static final ComMethod BACKUP_COMPLETE = of(I, VtableSlots.IVssBackupComponents.BACKUP_COMPLETE,
                "BackupComplete", "IVssAsync**");
        public static final ComMethod SET_FILE_RESTORE_STATUS = of(I,
                VtableSlots.IVssBackupComponents.SET_FILE_RESTORE_STATUS, "SetFileRestoreStatus", "VSS_ID",
                "VSS_COMPONENT_TYPE", "LPCWSTR", "LPCWSTR", "VSS_FILE_RESTORE_STATUS");
        public static final ComMethod PRE_RESTORE = of(I, VtableSlots.IVssBackupComponents.PRE_RESTORE, "PreRestore",
                "IVssAsync**");
        public static final ComMethod POST_RESTORE = of(I, VtableSlots.IVssBackupComponents.POST_RESTORE, "PostRestore",
                "IVssAsync**");
        public static final ComMethod SET_CONTEXT = of(I, VtableSlots.IVssBackupComponents.SET_CONTEXT, "SetContext",
                "LONG");
        public static final ComMethod START_SNAPSHOT_SET = of(I, VtableSlots.IVssBackupComponents.START_SNAPSHOT_SET,
                "StartSnapshotSet", "VSS_ID*");
        public static final ComMethod ADD_TO_SNAPSHOT_SET = of(I, VtableSlots.IVssBackupComponents.ADD_TO_SNAPSHOT_SET,
                "AddToSnapshotSet", "VSS_PWSZ", "VSS_ID", "VSS_ID*");
        public static final ComMethod DO_SNAPSHOT_SET = of(I, VtableSlots.IVssBackupComponents.DO_SNAPSHOT_SET,
                "DoSnapshotSet", "IVssAsync**");
        public static final ComMethod DELETE_SNAPSHOTS = of(I, VtableSlots.IVssBackupComponents.DELETE_SNAPSHOTS,
                "DeleteSnapshots", "VSS_ID", "VSS_OBJECT_TYPE", "BOOL", "LONG*", "VSS_ID*");
        public static final ComMethod GET_SNAPSHOT_PROPERTIES = of(I,
                VtableSlots.IVssBackupComponents.GET_SNAPSHOT_PROPERTIES, "GetSnapshotProperties", "VSS_ID",
                "VSS_SNAPSHOT_PROP*");
        public static final ComMethod QUERY = of(I, VtableSlots.IVssBackupComponents.QUERY, "Query", "VSS_ID",
                "VSS_OBJECT_TYPE", "VSS_OBJECT_TYPE", "IVssEnumObject**");
        public static final ComMethod EXPOSE_SNAPSHOT = of(I, VtableSlots.IVssBackupComponents.EXPOSE_SNAPSHOT,
                "ExposeSnapshot", "VSS_ID", "VSS_PWSZ", "LONG", "VSS_PWSZ", "VSS_PWSZ*");
        public static final ComMethod REVERT_TO_SNAPSHOT = of(I, VtableSlots.IVssBackupComponents.REVERT_TO_SNAPSHOT,
                "RevertToSnapshot", "VSS_ID", "BOOL");
        public static final ComMethod QUERY_REVERT_STATUS = of(I, VtableSlots.IVssBackupComponents.QUERY_REVERT_STATUS,
                "QueryRevertStatus", "VSS_PWSZ", "IVssAsync**");
        public static final ComMethod QUERY_INTERFACE = of(I, VtableSlots.IVssBackupComponents.QUERY_INTERFACE,
                "QueryInterface", "REFIID", "void**");

        private BackupComponents() {
        }
    }

    /** IVssBackupComponentsEx2 (vsbackup.h): IVssBackupComponents, Ex's two methods, then these. */
    public static final class BackupComponentsEx2 {
        public static final dev.vsskit.vss.VssId IID = dev.vsskit.vss.VssId.parse("{acfe2b3a-22c9-4ef8-bd03-2f9ca230084e}");
        public static final ComMethod UNEXPOSE_SNAPSHOT = of("IVssBackupComponentsEx2", 53, "UnexposeSnapshot", "VSS_ID");

        private BackupComponentsEx2() {
        }
    }

    /** IVssAsync (vss.h). */
    public static final class Async {
        static final String I = "IVssAsync";
        public static final ComMethod CANCEL = of(I, VtableSlots.IVssAsync.CANCEL, "Cancel");
        public static final ComMethod WAIT = of(I, VtableSlots.IVssAsync.WAIT, "Wait", "DWORD");
        public static final ComMethod QUERY_STATUS = of(I, VtableSlots.IVssAsync.QUERY_STATUS, "QueryStatus",
                "HRESULT*", "INT*");

        private Async() {
        }
    }

    /** IVssEnumObject (vss.h). */
    public static final class EnumObject {
        public static final ComMethod NEXT = of("IVssEnumObject", 3, "Next", "ULONG", "VSS_OBJECT_PROP*", "ULONG*");

        private EnumObject() {
        }
    }

    /** IVssExamineWriterMetadata (vsbackup.h). */
    public static final class ExamineWriterMetadata {
        static final String I = "IVssExamineWriterMetadata";
        public static final ComMethod GET_IDENTITY = of(I, 3, "GetIdentity", "VSS_ID*", "VSS_ID*", "BSTR*",
                "VSS_USAGE_TYPE*", "VSS_SOURCE_TYPE*");
        public static final ComMethod GET_FILE_COUNTS = of(I, 4, "GetFileCounts", "UINT*", "UINT*", "UINT*");
        public static final ComMethod GET_COMPONENT = of(I, 7, "GetComponent", "UINT", "IVssWMComponent**");

        private ExamineWriterMetadata() {
        }
    }

    /** IVssWMComponent (vsbackup.h). */
    public static final class WMComponent {
        static final String I = "IVssWMComponent";
        public static final ComMethod GET_COMPONENT_INFO = of(I, 3, "GetComponentInfo", "PVSSCOMPONENTINFO*");
        public static final ComMethod FREE_COMPONENT_INFO = of(I, 4, "FreeComponentInfo", "PVSSCOMPONENTINFO");
        public static final ComMethod GET_FILE = of(I, 5, "GetFile", "UINT", "IVssWMFiledesc**");

        private WMComponent() {
        }
    }

    /** IVssWMFiledesc (vswriter.h). */
    public static final class WMFiledesc {
        static final String I = "IVssWMFiledesc";
        public static final ComMethod GET_PATH = of(I, 3, "GetPath", "BSTR*");
        public static final ComMethod GET_FILESPEC = of(I, 4, "GetFilespec", "BSTR*");

        private WMFiledesc() {
        }
    }

    /** IVssSnapshotMgmt (vsmgmt.h). */
    public static final class SnapshotMgmt {
        static final String I = "IVssSnapshotMgmt";
        public static final ComMethod GET_PROVIDER_MGMT_INTERFACE = of(I, 3, "GetProviderMgmtInterface", "VSS_ID",
                "REFIID", "IUnknown**");
        public static final ComMethod QUERY_VOLUMES_SUPPORTED_FOR_SNAPSHOTS = of(I, 4,
                "QueryVolumesSupportedForSnapshots", "VSS_ID", "LONG", "IVssEnumMgmtObject**");

        private SnapshotMgmt() {
        }
    }

    /** IVssEnumMgmtObject (vsmgmt.h). */
    public static final class EnumMgmtObject {
        public static final ComMethod NEXT = of("IVssEnumMgmtObject", 3, "Next", "ULONG", "VSS_MGMT_OBJECT_PROP*",
                "ULONG*");

        private EnumMgmtObject() {
        }
    }

    /** IVssDifferentialSoftwareSnapshotMgmt (vsmgmt.h). */
    public static final class DiffMgmt {
        public static final ComMethod QUERY_DIFF_AREAS_FOR_VOLUME = of("IVssDifferentialSoftwareSnapshotMgmt", 6,
                "QueryDiffAreasForVolume", "VSS_PWSZ", "IVssEnumMgmtObject**");

        private DiffMgmt() {
        }
    }

    /** Every method the binding calls (IUnknown::Release is checked on each interface). */
    public static final List<ComMethod> ALL = List.of(
            BackupComponents.INITIALIZE_FOR_BACKUP, BackupComponents.SET_BACKUP_STATE,
            BackupComponents.INITIALIZE_FOR_RESTORE, BackupComponents.GATHER_WRITER_METADATA,
            BackupComponents.GET_WRITER_METADATA_COUNT, BackupComponents.GET_WRITER_METADATA,
            BackupComponents.FREE_WRITER_METADATA, BackupComponents.ADD_COMPONENT, BackupComponents.PREPARE_FOR_BACKUP,
            BackupComponents.ABORT_BACKUP, BackupComponents.GATHER_WRITER_STATUS, BackupComponents.GET_WRITER_STATUS_COUNT,
            BackupComponents.FREE_WRITER_STATUS, BackupComponents.GET_WRITER_STATUS, BackupComponents.SET_BACKUP_SUCCEEDED,
            BackupComponents.SET_SELECTED_FOR_RESTORE, BackupComponents.SAVE_AS_XML, BackupComponents.BACKUP_COMPLETE,
            BackupComponents.SET_FILE_RESTORE_STATUS, BackupComponents.PRE_RESTORE, BackupComponents.POST_RESTORE,
            BackupComponents.SET_CONTEXT, BackupComponents.START_SNAPSHOT_SET, BackupComponents.ADD_TO_SNAPSHOT_SET,
            BackupComponents.DO_SNAPSHOT_SET, BackupComponents.DELETE_SNAPSHOTS, BackupComponents.GET_SNAPSHOT_PROPERTIES,
            BackupComponents.QUERY, BackupComponents.EXPOSE_SNAPSHOT, BackupComponents.REVERT_TO_SNAPSHOT,
            BackupComponents.QUERY_REVERT_STATUS, BackupComponents.QUERY_INTERFACE, BackupComponentsEx2.UNEXPOSE_SNAPSHOT,
            Async.CANCEL, Async.WAIT, Async.QUERY_STATUS,
            EnumObject.NEXT,
            ExamineWriterMetadata.GET_IDENTITY, ExamineWriterMetadata.GET_FILE_COUNTS, ExamineWriterMetadata.GET_COMPONENT,
            WMComponent.GET_COMPONENT_INFO, WMComponent.FREE_COMPONENT_INFO, WMComponent.GET_FILE,
            WMFiledesc.GET_PATH, WMFiledesc.GET_FILESPEC,
            SnapshotMgmt.GET_PROVIDER_MGMT_INTERFACE, SnapshotMgmt.QUERY_VOLUMES_SUPPORTED_FOR_SNAPSHOTS,
            EnumMgmtObject.NEXT,
            DiffMgmt.QUERY_DIFF_AREAS_FOR_VOLUME);

    /** The interfaces {@link #ALL} calls through, each also released through IUnknown slot 2. */
    public static List<String> interfaces() {
        return ALL.stream().map(ComMethod::iface).distinct().toList();
    }
}
