package dev.vsskit.ontap.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The disk seam on Windows: each call goes through {@link DiskIoApi}'s table (the prototypes the header check
 * verified); a failed call's error is JNA's saved {@code GetLastError()}. Load only on Windows.
 */
final class WindowsDiskIoNative implements DiskIoNative {

    private static int result(int ok) {
        return ok != 0 ? 0 : Native.getLastError();
    }

    @Override
    public Pointer createFileW(Pointer fileName, int desiredAccess, int shareMode, Pointer securityAttributes,
            int creationDisposition, int flagsAndAttributes, Pointer templateFile) {
        return (Pointer) DiskIoApi.CREATE_FILE.call(fileName, desiredAccess, shareMode, securityAttributes,
                creationDisposition, flagsAndAttributes, templateFile);
    }

    @Override
    public int lastError() {
        return Native.getLastError();
    }

    @Override
    public int deviceIoControl(Pointer device, int ioControlCode, Pointer inBuffer, int inBufferSize, Pointer outBuffer,
            int outBufferSize, Pointer bytesReturned, Pointer overlapped) {
        return result((Integer) DiskIoApi.DEVICE_IO_CONTROL.call(device, ioControlCode, inBuffer, inBufferSize,
                outBuffer, outBufferSize, bytesReturned, overlapped));
    }

    @Override
    public int closeHandle(Pointer handle) {
        return result((Integer) DiskIoApi.CLOSE_HANDLE.call(handle));
    }
}
