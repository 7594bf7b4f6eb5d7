package dev.vsskit.lab.windows;

import com.sun.jna.Callback;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/**
 * A native COM object made of JNA callbacks: an object whose first word points to a vtable of function pointers.
 * Slots 0-2 are IUnknown (QueryInterface refuses, AddRef/Release count references); a slot no subclass fills is a
 * trap that records the unexpected call and returns E_NOTIMPL. The callbacks stay referenced for the life of the
 * served VSS, so the JVM never collects one the native side still points to.
 */
abstract class ServedObject {

    static final int E_NOTIMPL = 0x80004001;
    static final int E_NOINTERFACE = 0x80004002;

    final ServedVss vss;
    final String iface;
    private final Memory object;
    private final Memory vtable;
    private final List<Callback> keep = new ArrayList<>();
    private int refs = 1;

    ServedObject(ServedVss vss, String iface, int slots) {
        this.vss = vss;
        this.iface = iface;
        this.vtable = new Memory((long) slots * Native.POINTER_SIZE);
        this.object = new Memory(Native.POINTER_SIZE);
        object.setPointer(0, vtable);
        for (int i = 0; i < slots; i++) {
            int slot = i;
            set(i, (Fn.F0) self -> {
                vss.violation(iface + " slot " + slot + " was called, which the served VSS does not implement");
                return E_NOTIMPL;
            });
        }
        set(0, (Fn.FPP) (self, iid, out) -> {
            vss.called(iface, "QueryInterface");
            if (out != null) {
                out.setPointer(0, Pointer.NULL);
            }
            return E_NOINTERFACE;
        });
        set(1, (Fn.F0) self -> {
            vss.called(iface, "AddRef");
            return addRef();
        });
        set(2, (Fn.F0) self -> {
            vss.called(iface, "Release");
            return release();
        });
        vss.created(this);
    }

    /** One more reference (AddRef, or QueryInterface handing out this object again). */
    final int addRef() {
        return ++refs;
    }

    /** One reference fewer (Release, or VariantClear of a VARIANT holding this object). */
    final int release() {
        int left = --refs;
        if (left == 0) {
            vss.released(this);
            released();
        } else if (left < 0) {
            vss.violation(iface + " released more often than referenced");
        }
        return Math.max(left, 0);
    }

    /** Puts {@code fn} in vtable slot {@code slot}. */
    final void set(int slot, Callback fn) {
        keep.add(fn);
        vss.keep(fn);
        vtable.setPointer((long) slot * Native.POINTER_SIZE, com.sun.jna.CallbackReference.getFunctionPointer(fn));
    }

    /** The interface pointer handed to the requester. */
    final Pointer pointer() {
        return object;
    }

    /** Called once, when the last reference is released. */
    void released() {
    }

    /** Runs {@code call} as a COM method body: a VSS failure becomes its HRESULT, anything else E_UNEXPECTED. */
    final int hr(String method, java.util.function.IntSupplier call) {
        vss.called(iface, method);
        try {
            return call.getAsInt();
        } catch (dev.vsskit.vss.VssException e) {
            vss.lastFailure(iface + "::" + method + ": " + e.getMessage());
            return e.hresult().value();
        } catch (RuntimeException e) {
            vss.lastFailure(iface + "::" + method + ": " + e);
            return 0x8000FFFF;
        }
    }
}
