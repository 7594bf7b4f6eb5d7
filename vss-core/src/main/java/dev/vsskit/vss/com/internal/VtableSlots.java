package dev.vsskit.vss.com.internal;

/**
 * Vtable slot numbers (0-based; 0-2 are IUnknown) of the VSS COM interfaces the Windows binding calls through
 * JNA (its method table {@code dev.vsskit.vss.windows.ComInterfaces} takes its slots from here, and
 * {@code BindingHeaderTest} compiles that table against the headers). {@code VtableSlotsHeaderTest} checks every constant
 * against the {@code ...Vtbl} structs of the MinGW-w64 headers vsbackup.h, vss.h and vsadmin.h, so a call
 * through these numbers lands on the method its name says. {@code COUNT} is the number of slots.
 */
public final class VtableSlots {

    private VtableSlots() {
    }

    /** IVssBackupComponents (vsbackup.h). */
    public static final class IVssBackupComponents {
        public static final int QUERY_INTERFACE = 0;
        public static final int ADD_REF = 1;
        public static final int RELEASE = 2;
        public static final int GET_WRITER_COMPONENTS_COUNT = 3;
        public static final int GET_WRITER_COMPONENTS = 4;
        public static final int INITIALIZE_FOR_BACKUP = 5;
        public static final int SET_BACKUP_STATE = 6;
        public static final int INITIALIZE_FOR_RESTORE = 7;
        public static final int SET_RESTORE_STATE = 8;
        public static final int GATHER_WRITER_METADATA = 9;
        public static final int GET_WRITER_METADATA_COUNT = 10;
        public static final int GET_WRITER_METADATA = 11;
        public static final int FREE_WRITER_METADATA = 12;
        public static final int ADD_COMPONENT = 13;
        public static final int PREPARE_FOR_BACKUP = 14;
        public static final int ABORT_BACKUP = 15;
        public static final int GATHER_WRITER_STATUS = 16;
        public static final int GET_WRITER_STATUS_COUNT = 17;
        public static final int FREE_WRITER_STATUS = 18;
        public static final int GET_WRITER_STATUS = 19;
        public static final int SET_BACKUP_SUCCEEDED = 20;
        public static final int SET_BACKUP_OPTIONS = 21;
        public static final int SET_SELECTED_FOR_RESTORE = 22;
        public static final int SET_RESTORE_OPTIONS = 23;
        public static final int SET_ADDITIONAL_RESTORES = 24;
        public static final int SET_PREVIOUS_BACKUP_STAMP = 25;
        public static final int SAVE_AS_XML = 26;
        public static final int BACKUP_COMPLETE = 27;
        public static final int ADD_ALTERNATIVE_LOCATION_MAPPING = 28;
        public static final int ADD_RESTORE_SUBCOMPONENT = 29;
        public static final int SET_FILE_RESTORE_STATUS = 30;
        public static final int ADD_NEW_TARGET = 31;
        public static final int SET_RANGES_FILE_PATH = 32;
        public static final int PRE_RESTORE = 33;
        public static final int POST_RESTORE = 34;
        public static final int SET_CONTEXT = 35;
        public static final int START_SNAPSHOT_SET = 36;
        public static final int ADD_TO_SNAPSHOT_SET = 37;
        public static final int DO_SNAPSHOT_SET = 38;
        public static final int DELETE_SNAPSHOTS = 39;
        public static final int IMPORT_SNAPSHOTS = 40;
        public static final int BREAK_SNAPSHOT_SET = 41;
        public static final int GET_SNAPSHOT_PROPERTIES = 42;
        public static final int QUERY = 43;
        public static final int IS_VOLUME_SUPPORTED = 44;
        public static final int DISABLE_WRITER_CLASSES = 45;
        public static final int ENABLE_WRITER_CLASSES = 46;
        public static final int DISABLE_WRITER_INSTANCES = 47;
        public static final int EXPOSE_SNAPSHOT = 48;
        public static final int REVERT_TO_SNAPSHOT = 49;
        public static final int QUERY_REVERT_STATUS = 50;
        public static final int COUNT = 51;

        private IVssBackupComponents() {
        }
    }

    /** IVssAsync (vss.h). */
    public static final class IVssAsync {
        public static final int QUERY_INTERFACE = 0;
        public static final int ADD_REF = 1;
        public static final int RELEASE = 2;
        public static final int CANCEL = 3;
        public static final int WAIT = 4;
        public static final int QUERY_STATUS = 5;
        public static final int COUNT = 6;

        private IVssAsync() {
        }
    }

    /** IVssAdmin (vsadmin.h). */
    public static final class IVssAdmin {
        public static final int QUERY_INTERFACE = 0;
        public static final int ADD_REF = 1;
        public static final int RELEASE = 2;
        public static final int REGISTER_PROVIDER = 3;
        public static final int UNREGISTER_PROVIDER = 4;
        public static final int QUERY_PROVIDERS = 5;
        public static final int ABORT_ALL_SNAPSHOTS_IN_PROGRESS = 6;
        public static final int COUNT = 7;

        private IVssAdmin() {
        }
    }
}
