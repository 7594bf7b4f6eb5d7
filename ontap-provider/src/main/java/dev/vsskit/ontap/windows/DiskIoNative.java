package dev.vsskit.ontap.windows;

import com.sun.jna.Pointer;

/**
 * The one seam between vsskit's disk identity code ({@link DiskIdentity}) and the operating system: each method is
 * one kernel32 call of {@link DiskIoApi}'s table with the same parameters, so the code above it builds and reads the
 * same native memory ({@code STORAGE_PROPERTY_QUERY}, {@code STORAGE_DEVICE_DESCRIPTOR}, {@code VOLUME_DISK_EXTENTS},
 * ...) on Windows and in tests. On Windows it is {@link WindowsDiskIoNative}; tests on Linux serve the lab's disks
 * from a double. A {@code BOOL} function's result is returned as a Win32 error code: 0 when it succeeded, else its
 * {@code GetLastError()}.
 */
public interface DiskIoNative {

    /** The value of {@code INVALID_HANDLE_VALUE}, what CreateFileW returns when it fails. */
    long INVALID_HANDLE_VALUE = -1L;

    /**
     * kernel32 {@code CreateFileW(lpFileName, dwDesiredAccess, dwShareMode, lpSecurityAttributes,
     * dwCreationDisposition, dwFlagsAndAttributes, hTemplateFile)}: the handle, or {@code INVALID_HANDLE_VALUE} with
     * the error in {@link #lastError()}.
     */
    Pointer createFileW(Pointer fileName, int desiredAccess, int shareMode, Pointer securityAttributes,
            int creationDisposition, int flagsAndAttributes, Pointer templateFile);

    /** {@code GetLastError()} of this thread's last failed {@link #createFileW} (JNA's saved value on Windows). */
    int lastError();

    /**
     * kernel32 {@code DeviceIoControl(hDevice, dwIoControlCode, lpInBuffer, nInBufferSize, lpOutBuffer,
     * nOutBufferSize, lpBytesReturned, lpOverlapped)}.
     */
    int deviceIoControl(Pointer device, int ioControlCode, Pointer inBuffer, int inBufferSize, Pointer outBuffer,
            int outBufferSize, Pointer bytesReturned, Pointer overlapped);

    /** kernel32 {@code CloseHandle(hObject)}. */
    int closeHandle(Pointer handle);
}
