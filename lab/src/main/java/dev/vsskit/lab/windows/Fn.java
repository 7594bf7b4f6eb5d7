package dev.vsskit.lab.windows;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Guid;

/**
 * The native signatures the served COM objects implement, one JNA callback type per C prototype shape: {@code P}
 * a pointer, {@code I} a 32-bit int, {@code B} a 1-byte boolean, {@code G} a GUID by value. The first parameter
 * is always the interface pointer.
 */
final class Fn {

    private Fn() {
    }

    public interface F0 extends Callback {
        int invoke(Pointer self);
    }

    public interface FI extends Callback {
        int invoke(Pointer self, int a);
    }

    public interface FP extends Callback {
        int invoke(Pointer self, Pointer a);
    }

    public interface FPP extends Callback {
        int invoke(Pointer self, Pointer a, Pointer b);
    }

    public interface FPPP extends Callback {
        int invoke(Pointer self, Pointer a, Pointer b, Pointer c);
    }

    public interface FPPPPP extends Callback {
        int invoke(Pointer self, Pointer a, Pointer b, Pointer c, Pointer d, Pointer e);
    }

    public interface FIP extends Callback {
        int invoke(Pointer self, int a, Pointer b);
    }

    public interface FIPP extends Callback {
        int invoke(Pointer self, int a, Pointer b, Pointer c);
    }

    public interface FIPPPPP extends Callback {
        int invoke(Pointer self, int a, Pointer b, Pointer c, Pointer d, Pointer e, Pointer f);
    }

    public interface FBBIB extends Callback {
        int invoke(Pointer self, byte a, byte b, int c, byte d);
    }

    public interface FGP extends Callback {
        int invoke(Pointer self, Guid.GUID.ByValue a, Pointer b);
    }

    public interface FPGP extends Callback {
        int invoke(Pointer self, Pointer a, Guid.GUID.ByValue b, Pointer c);
    }

    public interface FGGIPP extends Callback {
        int invoke(Pointer self, Guid.GUID.ByValue a, Guid.GUID.ByValue b, int c, Pointer d, Pointer e);
    }

    public interface FGGIPPB extends Callback {
        int invoke(Pointer self, Guid.GUID.ByValue a, Guid.GUID.ByValue b, int c, Pointer d, Pointer e, byte f);
    }

    public interface FGIPPB extends Callback {
        int invoke(Pointer self, Guid.GUID.ByValue a, int b, Pointer c, Pointer d, byte e);
    }

    public interface FGIPPI extends Callback {
        int invoke(Pointer self, Guid.GUID.ByValue a, int b, Pointer c, Pointer d, int e);
    }

    public interface FGIIPP extends Callback {
        int invoke(Pointer self, Guid.GUID.ByValue a, int b, int c, Pointer d, Pointer e);
    }

    public interface FGIIP extends Callback {
        int invoke(Pointer self, Guid.GUID.ByValue a, int b, int c, Pointer d);
    }

    public interface FGPP extends Callback {
        int invoke(Pointer self, Guid.GUID.ByValue a, Pointer b, Pointer c);
    }

    public interface FG extends Callback {
        int invoke(Pointer self, Guid.GUID.ByValue a);
    }

    public interface FGI extends Callback {
        int invoke(Pointer self, Guid.GUID.ByValue a, int b);
    }

    public interface FGPIPP extends Callback {
        int invoke(Pointer self, Guid.GUID.ByValue a, Pointer b, int c, Pointer d, Pointer e);
    }

    public interface FGIP extends Callback {
        int invoke(Pointer self, Guid.GUID.ByValue a, int b, Pointer c);
    }

    public interface FPPPPIPPP extends Callback {
        int invoke(Pointer self, Pointer a, Pointer b, Pointer c, Pointer d, int e, Pointer f, Pointer g, Pointer h);
    }

    public interface FPIPPP extends Callback {
        int invoke(Pointer self, Pointer a, int b, Pointer c, Pointer d, Pointer e);
    }

    public interface FPPIPP extends Callback {
        int invoke(Pointer self, Pointer a, Pointer b, int c, Pointer d, Pointer e);
    }

    public interface FPPIPPPP extends Callback {
        int invoke(Pointer self, Pointer a, Pointer b, int c, Pointer d, Pointer e, Pointer f, Pointer g);
    }

    public interface FIIPP extends Callback {
        int invoke(Pointer self, int a, int b, Pointer c, Pointer d);
    }

    public interface FPIPI extends Callback {
        int invoke(Pointer self, Pointer a, int b, Pointer c, int d);
    }

    public interface FPIPP extends Callback {
        int invoke(Pointer self, Pointer a, int b, Pointer c, Pointer d);
    }
}
