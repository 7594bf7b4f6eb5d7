package dev.vsskit.vss.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.vsskit.vss.windows.WmiInterfaces.ClassObject;
import dev.vsskit.vss.windows.WmiInterfaces.EnumClassObject;
import dev.vsskit.vss.windows.WmiInterfaces.Locator;
import dev.vsskit.vss.windows.WmiInterfaces.Services;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * WMI through its COM interfaces, on the host's COM thread: {@code CoCreateInstance(CLSID_WbemLocator)},
 * {@code IWbemLocator::ConnectServer(namespace)}, {@code CoSetProxyBlanket}, then {@code ExecQuery} (read with
 * {@code IEnumWbemClassObject::Next}), {@code GetObject} and {@code ExecMethod} (in-parameters from the class's
 * {@code GetMethod} and {@code SpawnInstance}, set with {@code Put}). Properties are read with
 * {@code IWbemClassObject::Get} and every VARIANT is cleared ({@code VariantClear}); every object is released.
 * Each call connects and releases again: the calls are few and the COM thread keeps no WMI state between them.
 */
public final class Wmi {

    static final int WBEM_E_ACCESS_DENIED = WmiInterfaces.WBEM_E_ACCESS_DENIED;

    private final VssNative nat;
    private final ComThread com;
    private final String namespace;

    Wmi(VssNative nat, ComThread com, String namespace) {
        this.nat = nat;
        this.com = com;
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }

    /** {@code ExecQuery("WQL", wql, FORWARD_ONLY | RETURN_IMMEDIATELY)}: the named properties of every object. */
    public List<WmiObject> query(String wql, List<String> properties) {
        return withServices(svc -> {
            PointerByReference en = new PointerByReference();
            check(Services.EXEC_QUERY.call(svc, NativeData.bstr("WQL"), NativeData.bstr(wql),
                    WmiInterfaces.WBEM_FLAG_FORWARD_ONLY | WmiInterfaces.WBEM_FLAG_RETURN_IMMEDIATELY, null,
                    en.getPointer()), "ExecQuery(" + wql + ")");
            List<WmiObject> out = new ArrayList<>();
            try {
                while (true) {
                    PointerByReference obj = new PointerByReference();
                    Memory returned = ComThread.out(4);
                    int hr = EnumClassObject.NEXT.call(en.getValue(), WmiInterfaces.WBEM_INFINITE, 1, obj.getPointer(),
                            returned);
                    check(hr, "IEnumWbemClassObject::Next of " + wql);
                    if (returned.getInt(0) == 0) {
                        break;
                    }
                    try {
                        out.add(read(obj.getValue(), properties));
                    } finally {
                        ComThread.release(obj.getValue());
                    }
                }
            } finally {
                ComThread.release(en.getValue());
            }
            return out;
        });
    }

    /** {@code GetObject(path)}: the named properties; empty when WMI has no such object (WBEM_E_NOT_FOUND). */
    public Optional<WmiObject> get(String path, List<String> properties) {
        return withServices(svc -> {
            PointerByReference obj = new PointerByReference();
            int hr = Services.GET_OBJECT.call(svc, NativeData.bstr(path), 0, null, obj.getPointer(), null);
            if (hr == WmiInterfaces.WBEM_E_NOT_FOUND) {
                return Optional.empty();
            }
            check(hr, "GetObject(" + path + ")");
            try {
                return Optional.of(read(obj.getValue(), properties));
            } finally {
                ComThread.release(obj.getValue());
            }
        });
    }

    /**
     * {@code ExecMethod(objectPath, method)} (an instance's {@code __PATH}, or the class name for a static method)
     * with its in-parameters: an {@code Integer} is put as VT_I4 (WMI converts it to the uint16 or uint32 the method
     * takes), a {@code String} as VT_BSTR, a {@code Boolean} as VT_BOOL ({@code VARIANT_TRUE} is -1, not 1). Returns
     * the named out-parameters ({@code ReturnValue}, {@code Job}, ...).
     */
    public WmiObject execMethod(String className, String objectPath, String method, Map<String, ?> in,
            List<String> outProperties) {
        return withServices(svc -> {
            PointerByReference cls = new PointerByReference();
            check(Services.GET_OBJECT.call(svc, NativeData.bstr(className), 0, null, cls.getPointer(), null),
                    "GetObject(" + className + ")");
            PointerByReference signature = new PointerByReference();
            PointerByReference params = new PointerByReference();
            PointerByReference result = new PointerByReference();
            try {
                check(ClassObject.GET_METHOD.call(cls.getValue(), NativeData.utf16(method), 0, signature.getPointer(),
                        null), className + "::GetMethod(" + method + ")");
                if (!in.isEmpty()) {
                    check(ClassObject.SPAWN_INSTANCE.call(signature.getValue(), 0, params.getPointer()),
                            className + "." + method + " SpawnInstance");
                    for (Map.Entry<String, ?> p : in.entrySet()) {
                        InParameter v = variant(p.getKey(), p.getValue());
                        check(ClassObject.PUT.call(params.getValue(), NativeData.utf16(p.getKey()), 0, v.variant(), 0),
                                className + "." + method + " Put(" + p.getKey() + ")");
                        java.lang.ref.Reference.reachabilityFence(v);
                    }
                }
                check(Services.EXEC_METHOD.call(svc, NativeData.bstr(objectPath), NativeData.bstr(method), 0, null,
                        params.getValue(), result.getPointer(), null), className + "." + method);
                return read(result.getValue(), outProperties);
            } finally {
                ComThread.release(result.getValue());
                ComThread.release(params.getValue());
                ComThread.release(signature.getValue());
                ComThread.release(cls.getValue());
            }
        });
    }

    /**
     * An in-parameter as a VARIANT, and the memory its value points to (a BSTR), which must stay reachable until Put
     * has returned (Put copies the value; the BSTR is the binding's own memory, length-prefixed as a BSTR is laid out).
     */
    record InParameter(Memory variant, Pointer held) {
    }

    static InParameter variant(String name, Object value) {
        Memory v = ComThread.out(WmiInterfaces.VARIANT.size());
        int vt = WmiInterfaces.VARIANT.offset("vt");
        Pointer held = null;
        if (value instanceof Integer i) {
            v.setShort(vt, WmiInterfaces.VT_I4);
            v.setInt(WmiInterfaces.VARIANT.offset("lVal"), i);
        } else if (value instanceof String s) {
            held = NativeData.bstr(s);
            v.setShort(vt, WmiInterfaces.VT_BSTR);
            v.setPointer(WmiInterfaces.VARIANT.offset("bstrVal"), held);
        } else if (value instanceof Boolean b) {
            v.setShort(vt, WmiInterfaces.VT_BOOL);
            v.setShort(WmiInterfaces.VARIANT.offset("boolVal"),
                    b ? WmiInterfaces.VARIANT_TRUE : WmiInterfaces.VARIANT_FALSE);
        } else {
            throw new IllegalArgumentException("WMI in-parameter " + name + ": the binding puts Integer, String and"
                    + " Boolean values, not " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return new InParameter(v, held);
    }

    private WmiObject read(Pointer obj, List<String> properties) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (obj == null || Pointer.nativeValue(obj) == 0) {
            return new WmiObject(values);
        }
        for (String name : properties) {
            Object value = get(obj, name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return new WmiObject(values);
    }

    /**
     * One property's value, or null. {@code "Outer.Inner"} reads property {@code Inner} of the object embedded in
     * {@code Outer} (a VT_UNKNOWN, asked for IWbemClassObject with QueryInterface), as MSCluster_Resource keeps its
     * private properties.
     */
    private Object get(Pointer obj, String name) {
        int dot = name.indexOf('.');
        String own = dot < 0 ? name : name.substring(0, dot);
        Memory v = ComThread.out(WmiInterfaces.VARIANT.size());
        int hr = ClassObject.GET.call(obj, NativeData.utf16(own), 0, v, null, null);
        if (hr == WmiInterfaces.WBEM_E_NOT_FOUND) {
            return null;
        }
        check(hr, "IWbemClassObject::Get(" + own + ")");
        try {
            if (dot < 0) {
                return value(v);
            }
            if (v.getShort(WmiInterfaces.VARIANT.offset("vt")) != WmiInterfaces.VT_UNKNOWN) {
                return null; // NULL: no embedded object
            }
            PointerByReference embedded = new PointerByReference();
            check(ClassObject.QUERY_INTERFACE.call(v.getPointer(WmiInterfaces.VARIANT.offset("punkVal")),
                    NativeData.guidMemory(WmiInterfaces.IID_IWBEM_CLASS_OBJECT), embedded.getPointer()),
                    "QueryInterface(IWbemClassObject) of " + own);
            try {
                return get(embedded.getValue(), name.substring(dot + 1));
            } finally {
                ComThread.release(embedded.getValue());
            }
        } finally {
            nat.variantClear(v);
        }
    }

    /** A VARIANT's value: strings, integers (as Long) and booleans; NULL, EMPTY and arrays are absent. */
    static Object value(Pointer v) {
        short vt = v.getShort(WmiInterfaces.VARIANT.offset("vt"));
        long at = WmiInterfaces.VARIANT.offset("lVal");
        if ((vt & WmiInterfaces.VT_ARRAY) != 0) {
            return null;
        }
        return switch (vt) {
            case WmiInterfaces.VT_BSTR -> NativeData.readUtf16(v.getPointer(at));
            case WmiInterfaces.VT_I4, WmiInterfaces.VT_INT -> (long) v.getInt(at);
            case WmiInterfaces.VT_UI4, WmiInterfaces.VT_UINT -> v.getInt(at) & 0xffffffffL;
            case WmiInterfaces.VT_I2 -> (long) v.getShort(at);
            case WmiInterfaces.VT_UI2 -> v.getShort(at) & 0xffffL;
            case WmiInterfaces.VT_UI1 -> v.getByte(at) & 0xffL;
            case WmiInterfaces.VT_I8, WmiInterfaces.VT_UI8 -> v.getLong(at);
            case WmiInterfaces.VT_BOOL -> v.getShort(at) != 0;
            default -> null;
        };
    }

    private <T> T withServices(Function<Pointer, T> work) {
        return com.call(() -> {
            PointerByReference locator = new PointerByReference();
            check(nat.coCreateInstance(NativeData.guid(WmiInterfaces.CLSID_WBEM_LOCATOR),
                    WmiInterfaces.CLSCTX_INPROC_SERVER, NativeData.guid(WmiInterfaces.IID_IWBEM_LOCATOR), locator),
                    "CoCreateInstance(WbemLocator)");
            try {
                PointerByReference services = new PointerByReference();
                check(Locator.CONNECT_SERVER.call(locator.getValue(), NativeData.bstr(namespace), null, null, null, 0,
                        null, null, services.getPointer()), "ConnectServer(" + namespace + ")");
                try {
                    check(nat.coSetProxyBlanket(services.getValue(), WmiInterfaces.RPC_C_AUTHN_WINNT,
                            WmiInterfaces.RPC_C_AUTHZ_NONE, WmiInterfaces.RPC_C_AUTHN_LEVEL_CALL,
                            WmiInterfaces.RPC_C_IMP_LEVEL_IMPERSONATE, WmiInterfaces.EOAC_NONE), "CoSetProxyBlanket");
                    return work.apply(services.getValue());
                } finally {
                    ComThread.release(services.getValue());
                }
            } finally {
                ComThread.release(locator.getValue());
            }
        });
    }

    /**
     * A failed WMI call as a {@link WmiException} with its HRESULT: access denied says how to run vsskit, an absent
     * namespace what it means for that namespace (Hyper-V not installed; not a failover-cluster node).
     */
    private void check(int hr, String what) {
        if (hr >= 0) {
            return;
        }
        if (hr == HResults.E_ACCESSDENIED || hr == WBEM_E_ACCESS_DENIED) {
            throw new WmiException(hr, "WMI refused access to " + namespace + " (" + describe(hr) + "): run"
                    + " vsskit from an elevated prompt (Run as administrator), as a member of Administrators or"
                    + " Hyper-V Administrators");
        }
        if (hr == WmiInterfaces.WBEM_E_INVALID_NAMESPACE) {
            throw new WmiException(hr, "this host has no WMI namespace " + namespace + " (" + describe(hr) + "): "
                    + (namespace.equalsIgnoreCase(hyperVNamespace()) ? "the Hyper-V role is not installed; install"
                            + " it, or use --host lab" : "the feature that provides it is not installed"));
        }
        throw new WmiException(hr, "WMI " + what + " failed with " + describe(hr) + " (namespace " + namespace + ")");
    }

    private static String hyperVNamespace() {
        return "ROOT\\virtualization\\v2";
    }

    static String describe(int hr) {
        String name = switch (hr) {
            case WmiInterfaces.WBEM_E_NOT_FOUND -> "WBEM_E_NOT_FOUND";
            case WmiInterfaces.WBEM_E_INVALID_NAMESPACE -> "WBEM_E_INVALID_NAMESPACE";
            case WmiInterfaces.WBEM_E_INVALID_QUERY -> "WBEM_E_INVALID_QUERY";
            case WmiInterfaces.WBEM_E_INVALID_METHOD -> "WBEM_E_INVALID_METHOD";
            case WmiInterfaces.WBEM_E_INVALID_CLASS -> "WBEM_E_INVALID_CLASS";
            case WBEM_E_ACCESS_DENIED -> "WBEM_E_ACCESS_DENIED";
            default -> null;
        };
        return name == null ? HResults.describe(hr) : name + " (" + String.format(Locale.ROOT, "0x%08x", hr) + ")";
    }
}
