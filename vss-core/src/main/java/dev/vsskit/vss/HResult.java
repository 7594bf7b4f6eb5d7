package dev.vsskit.vss;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every VSS_E_* and VSS_S_* code of {@code vsserror.h}, with its value and a one-line message
 * (vssadmin's wording where vssadmin has one). {@code HResultHeaderTest} checks names and values
 * against the MinGW-w64 header.
 */
public enum HResult {
    VSS_E_BAD_STATE(0x80042301, "A function call was made when the object was in an incorrect state for that function."),
    VSS_E_UNEXPECTED(0x80042302, "Unexpected failure."),
    VSS_E_PROVIDER_ALREADY_REGISTERED(0x80042303, "The volume shadow copy provider is already registered in the system."),
    VSS_E_PROVIDER_NOT_REGISTERED(0x80042304, "The volume shadow copy provider is not registered in the system."),
    VSS_E_PROVIDER_VETO(0x80042306, "The shadow copy provider had an error. Please see the system and application event logs for more information."),
    VSS_E_PROVIDER_IN_USE(0x80042307, "The shadow copy provider is currently in use and cannot be unregistered."),
    VSS_E_OBJECT_NOT_FOUND(0x80042308, "Either the specified volume was not found or it is not a local volume."),
    VSS_S_ASYNC_PENDING(0x00042309, "The asynchronous operation is pending."),
    VSS_S_ASYNC_FINISHED(0x0004230A, "The asynchronous operation has completed."),
    VSS_S_ASYNC_CANCELLED(0x0004230B, "The asynchronous operation has been cancelled."),
    VSS_E_VOLUME_NOT_SUPPORTED(0x8004230C, "Shadow copying the specified volume is not supported."),
    VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER(0x8004230E, "The given shadow copy provider does not support shadow copying the specified volume."),
    VSS_E_OBJECT_ALREADY_EXISTS(0x8004230D, "The object already exists."),
    VSS_E_UNEXPECTED_PROVIDER_ERROR(0x8004230F, "The shadow copy provider had an unexpected error while trying to process the specified command."),
    VSS_E_CORRUPT_XML_DOCUMENT(0x80042310, "The given XML document is not valid."),
    VSS_E_INVALID_XML_DOCUMENT(0x80042311, "The given XML document is not valid for this operation."),
    VSS_E_MAXIMUM_NUMBER_OF_VOLUMES_REACHED(0x80042312, "The maximum number of volumes has been added to the shadow copy set."),
    VSS_E_FLUSH_WRITES_TIMEOUT(0x80042313, "The shadow copy provider timed out while flushing data to the volume being shadow copied. This is probably due to excessive activity on the volume. Try again later when the volume is not being used so heavily."),
    VSS_E_HOLD_WRITES_TIMEOUT(0x80042314, "The shadow copy provider timed out while holding writes to the volume being shadow copied. This is probably due to excessive activity on the volume by an application or a system service. Try again later when activity on the volume is reduced."),
    VSS_E_UNEXPECTED_WRITER_ERROR(0x80042315, "A shadow copy aware application or service had an unexpected error while trying to process the command."),
    VSS_E_SNAPSHOT_SET_IN_PROGRESS(0x80042316, "Another shadow copy creation is already in progress. Please wait a few moments and try again."),
    VSS_E_MAXIMUM_NUMBER_OF_SNAPSHOTS_REACHED(0x80042317, "The specified volume has already reached its maximum number of shadow copies."),
    VSS_E_WRITER_INFRASTRUCTURE(0x80042318, "An error was detected in the Volume Shadow Copy Service (VSS) writer infrastructure."),
    VSS_E_WRITER_NOT_RESPONDING(0x80042319, "A writer did not respond to a GatherWriterStatus call."),
    VSS_E_WRITER_ALREADY_SUBSCRIBED(0x8004231A, "The writer has already successfully called the Subscribe function."),
    VSS_E_UNSUPPORTED_CONTEXT(0x8004231B, "The shadow copy provider does not support the specified shadow type."),
    VSS_E_VOLUME_IN_USE(0x8004231D, "The specified shadow copy storage association is in use."),
    VSS_E_MAXIMUM_DIFFAREA_ASSOCIATIONS_REACHED(0x8004231E, "Maximum number of shadow copy storage associations already reached."),
    VSS_E_INSUFFICIENT_STORAGE(0x8004231F, "Insufficient storage available to create either the shadow copy storage file or other shadow copy data."),
    VSS_E_NO_SNAPSHOTS_IMPORTED(0x80042320, "No shadow copies were successfully imported."),
    VSS_S_SOME_SNAPSHOTS_NOT_IMPORTED(0x00042321, "Some shadow copies were not successfully imported."),
    VSS_E_SOME_SNAPSHOTS_NOT_IMPORTED(0x80042321, "Some shadow copies were not successfully imported."),
    VSS_E_MAXIMUM_NUMBER_OF_REMOTE_MACHINES_REACHED(0x80042322, "The maximum number of remote machines for this operation has been reached."),
    VSS_E_REMOTE_SERVER_UNAVAILABLE(0x80042323, "The remote server is unavailable."),
    VSS_E_REMOTE_SERVER_UNSUPPORTED(0x80042324, "The remote server is running a version of the Volume Shadow Copy Service that does not support remote shadow copy creation."),
    VSS_E_REVERT_IN_PROGRESS(0x80042325, "A revert is currently in progress for the specified volume."),
    VSS_E_REVERT_VOLUME_LOST(0x80042326, "The volume being reverted was lost during revert."),
    VSS_E_REBOOT_REQUIRED(0x80042327, "A reboot is required after completing this operation."),
    VSS_E_TRANSACTION_FREEZE_TIMEOUT(0x80042328, "A timeout occurred while freezing a transaction manager."),
    VSS_E_TRANSACTION_THAW_TIMEOUT(0x80042329, "Too much time elapsed between freezing a transaction manager and thawing the transaction manager."),
    VSS_E_VOLUME_NOT_LOCAL(0x8004232D, "The volume is not a local volume."),
    VSS_E_CLUSTER_TIMEOUT(0x8004232E, "A timeout occurred while preparing a cluster shared volume for backup."),
    VSS_E_WRITERERROR_INCONSISTENTSNAPSHOT(0x800423F0, "The shadow copy contains only a subset of the volumes needed by the writer to correctly back up the application component."),
    VSS_E_WRITERERROR_OUTOFRESOURCES(0x800423F1, "The writer ran out of memory or other system resources."),
    VSS_E_WRITERERROR_TIMEOUT(0x800423F2, "The writer timed out between the Freeze and Thaw events."),
    VSS_E_WRITERERROR_RETRYABLE(0x800423F3, "The writer failed due to an error that would likely not occur if the backup were restarted."),
    VSS_E_WRITERERROR_NONRETRYABLE(0x800423F4, "The writer operation failed because of an error that might recur if another shadow copy is created."),
    VSS_E_WRITERERROR_RECOVERY_FAILED(0x800423F5, "The writer experienced an error while trying to recover the shadow copy volume."),
    VSS_E_BREAK_REVERT_ID_FAILED(0x800423F6, "The shadow copy set break operation failed because the disk/partition identities could not be reverted."),
    VSS_E_LEGACY_PROVIDER(0x800423F7, "This version of the hardware provider does not support this operation."),
    VSS_E_MISSING_DISK(0x800423F8, "An expected disk did not arrive in the system."),
    VSS_E_MISSING_HIDDEN_VOLUME(0x800423F9, "An expected hidden volume did not arrive in the system."),
    VSS_E_MISSING_VOLUME(0x800423FA, "An expected volume did not arrive in the system."),
    VSS_E_AUTORECOVERY_FAILED(0x800423FB, "The autorecovery operation failed to complete on the shadow copy."),
    VSS_E_DYNAMIC_DISK_ERROR(0x800423FC, "An error occurred in processing the dynamic disks involved in the operation."),
    VSS_E_NONTRANSPORTABLE_BCD(0x800423FD, "The given Backup Components Document is for a non-transportable shadow copy."),
    VSS_E_CANNOT_REVERT_DISKID(0x800423FE, "The MBR signature or GPT ID for one or more disks could not be set to the intended value."),
    VSS_E_RESYNC_IN_PROGRESS(0x800423FF, "The LUN resynchronization operation could not be started because another resynchronization operation is already in progress."),
    VSS_E_CLUSTER_ERROR(0x80042400, "The clustered disks could not be enumerated or could not be put into cluster maintenance mode."),
    VSS_E_UNSELECTED_VOLUME(0x8004232A, "The requested volume was not part of the shadow copy set."),
    VSS_E_SNAPSHOT_NOT_IN_SET(0x8004232B, "The requested shadow copy was not part of the shadow copy set."),
    VSS_E_NESTED_VOLUME_LIMIT(0x8004232C, "The specified volume is nested too deeply to participate in the VSS operation."),
    VSS_E_NOT_SUPPORTED(0x8004232F, "The requested operation is not supported."),
    VSS_E_WRITERERROR_PARTIAL_FAILURE(0x80042336, "The writer reported a partial failure."),
    VSS_E_ASRERROR_DISK_ASSIGNMENT_FAILED(0x80042401, "There are too few disks on this computer or one or more of the disks is too small."),
    VSS_E_ASRERROR_DISK_RECREATION_FAILED(0x80042402, "Automated System Recovery could not re-create a required disk."),
    VSS_E_ASRERROR_NO_ARCPATH(0x80042403, "The computer needs to be restarted to finish preparing a hard disk for restore."),
    VSS_E_ASRERROR_MISSING_DYNDISK(0x80042404, "The backup failed due to a missing disk for a dynamic volume."),
    VSS_E_ASRERROR_SHARED_CRIDISK(0x80042405, "Automated System Recovery failed the shadow copy because a selected critical volume is located on a cluster shared disk."),
    VSS_E_ASRERROR_DATADISK_RDISK0(0x80042406, "A data disk is currently set as active in BIOS."),
    VSS_E_ASRERROR_RDISK0_TOOSMALL(0x80042407, "The disk that is set as active in BIOS is too small to recover the original system disk."),
    VSS_E_ASRERROR_CRITICAL_DISKS_TOO_SMALL(0x80042408, "There is not enough disk space on the system to perform the restore operation."),
    VSS_E_WRITER_STATUS_NOT_AVAILABLE(0x80042409, "Writer status is not available for one or more writers."),
    VSS_E_ASRERROR_DYNAMIC_VHD_NOT_SUPPORTED(0x8004240A, "A dynamic virtual hard disk (VHD) is a critical volume, which is not supported."),
    VSS_E_CRITICAL_VOLUME_ON_INVALID_DISK(0x80042411, "A critical volume is located on an invalid disk."),
    VSS_E_ASRERROR_RDISK_FOR_SYSTEM_DISK_NOT_FOUND(0x80042412, "No suitable disk was found for the system disk during restore."),
    VSS_E_ASRERROR_NO_PHYSICAL_DISK_AVAILABLE(0x80042413, "No physical disk is available for the restore."),
    VSS_E_ASRERROR_FIXED_PHYSICAL_DISK_AVAILABLE_AFTER_DISK_EXCLUSION(0x80042414, "A fixed physical disk is available only after disk exclusion."),
    VSS_E_ASRERROR_CRITICAL_DISK_CANNOT_BE_EXCLUDED(0x80042415, "A critical disk cannot be excluded."),
    VSS_E_ASRERROR_SYSTEM_PARTITION_HIDDEN(0x80042416, "The system partition is hidden and cannot be restored."),
    VSS_E_FSS_TIMEOUT(0x80042417, "A file share shadow copy operation timed out.");

    private static final Map<Integer, HResult> BY_VALUE = new HashMap<>();

    static {
        for (HResult h : values()) {
            BY_VALUE.put(h.value, h);
        }
    }

    private final int value;
    private final String message;

    HResult(long value, String message) {
        this.value = (int) value;
        this.message = message;
    }

    /** The 32-bit HRESULT value as Windows stores it (negative for failures). */
    public int value() {
        return value;
    }

    public String message() {
        return message;
    }

    public boolean isFailure() {
        return value < 0;
    }

    /** {@code 0x80042314} style, lower-case hex as vssadmin prints codes. */
    public String hex() {
        return hex(value);
    }

    public static String hex(int value) {
        return String.format(Locale.ROOT, "0x%08x", value);
    }

    public static Optional<HResult> of(int value) {
        return Optional.ofNullable(BY_VALUE.get(value));
    }

    /** Parses a name ({@code VSS_E_BAD_STATE}) or a value ({@code 0x80042301}), case-insensitively. */
    public static Optional<HResult> parse(String text) {
        String t = text.trim();
        if (t.regionMatches(true, 0, "0x", 0, 2)) {
            try {
                return of((int) Long.parseLong(t.substring(2), 16));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(valueOf(t.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
