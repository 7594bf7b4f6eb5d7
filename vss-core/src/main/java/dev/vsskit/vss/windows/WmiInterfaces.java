package dev.vsskit.vss.windows;

import static dev.vsskit.vss.windows.ComMethod.of;

import dev.vsskit.vss.VssId;
import java.util.List;

/**
 * The WMI vtable methods the binding calls (wbemcli.h), with the parameter types of the SDK prototypes, the GUIDs
 * it creates the locator with, and the constants it relies on. {@link #ALL}, {@link #STRUCTS}, {@link #FUNCTIONS} and
 * {@link #CONSTANTS} are what the header check compiles against the MinGW-w64 headers ({@code WmiHeaderTest}).
 */
public final class WmiInterfaces {

    private WmiInterfaces() {
    }

    /** CLSID_WbemLocator {4590f811-1d3a-11d0-891f-00aa004b2e24}. */
    public static final VssId CLSID_WBEM_LOCATOR = VssId.parse("{4590f811-1d3a-11d0-891f-00aa004b2e24}");
    /** IID_IWbemLocator {dc12a687-737f-11cf-884d-00aa004b2e24}. */
    public static final VssId IID_IWBEM_LOCATOR = VssId.parse("{dc12a687-737f-11cf-884d-00aa004b2e24}");
    /** IID_IWbemClassObject {dc12a681-737f-11cf-884d-00aa004b2e24}: what an embedded object (VT_UNKNOWN) is asked for. */
    public static final VssId IID_IWBEM_CLASS_OBJECT = VssId.parse("{dc12a681-737f-11cf-884d-00aa004b2e24}");

    /** IWbemLocator. */
    public static final class Locator {
        public static final ComMethod CONNECT_SERVER = of("IWbemLocator", 3, "ConnectServer", "BSTR", "BSTR", "BSTR",
                "BSTR", "LONG", "BSTR", "IWbemContext*", "IWbemServices**");

        private Locator() {
        }
    }

    /** IWbemServices. */
    public static final class Services {
        static final String I = "IWbemServices";
        public static final ComMethod GET_OBJECT = of(I, 6, "GetObject", "BSTR", "LONG", "IWbemContext*",
                "IWbemClassObject**", "IWbemCallResult**");
        public static final ComMethod EXEC_QUERY = of(I, 20, "ExecQuery", "BSTR", "BSTR", "LONG", "IWbemContext*",
                "IEnumWbemClassObject**");
        public static final ComMethod EXEC_METHOD = of(I, 24, "ExecMethod", "BSTR", "BSTR", "LONG", "IWbemContext*",
                "IWbemClassObject*", "IWbemClassObject**", "IWbemCallResult**");

        private Services() {
        }
    }

    /** IEnumWbemClassObject. */
    public static final class EnumClassObject {
        public static final ComMethod NEXT = of("IEnumWbemClassObject", 4, "Next", "LONG", "ULONG", "IWbemClassObject**",
                "ULONG*");

        private EnumClassObject() {
        }
    }

    /** IWbemClassObject. */
    public static final class ClassObject {
        static final String I = "IWbemClassObject";
        /** IUnknown::QueryInterface: an embedded object's IUnknown asked for IWbemClassObject. */
        public static final ComMethod QUERY_INTERFACE = of(I, 0, "QueryInterface", "REFIID", "void**");
        public static final ComMethod GET = of(I, 4, "Get", "LPCWSTR", "LONG", "VARIANT*", "CIMTYPE*", "LONG*");
        public static final ComMethod PUT = of(I, 5, "Put", "LPCWSTR", "LONG", "VARIANT*", "CIMTYPE");
        public static final ComMethod SPAWN_INSTANCE = of(I, 15, "SpawnInstance", "LONG", "IWbemClassObject**");
        public static final ComMethod GET_METHOD = of(I, 19, "GetMethod", "LPCWSTR", "LONG", "IWbemClassObject**",
                "IWbemClassObject**");

        private ClassObject() {
        }
    }

    /** VARIANT (oaidl.h) as the binding reads and writes it: the type tag, then the value at offset 8. */
    public static final ComStruct VARIANT = new ComStruct("VARIANT", 24, List.of(
            new ComStruct.Field("vt", 0), new ComStruct.Field("lVal", 8), new ComStruct.Field("bstrVal", 8),
            new ComStruct.Field("boolVal", 8), new ComStruct.Field("iVal", 8), new ComStruct.Field("llVal", 8),
            new ComStruct.Field("punkVal", 8)));

    /** ole32 CoSetProxyBlanket: the IWbemServices proxy impersonates the caller (as Microsoft's WMI samples do). */
    public static final NativeFunction CO_SET_PROXY_BLANKET = NativeFunction.of("ole32", "HRESULT", "CoSetProxyBlanket",
            "IUnknown*", "DWORD", "DWORD", "OLECHAR*", "DWORD", "DWORD", "RPC_AUTH_IDENTITY_HANDLE", "DWORD");
    /** oleaut32 VariantClear: frees what a VARIANT holds (the BSTR of a string property). */
    public static final NativeFunction VARIANT_CLEAR = NativeFunction.of("oleaut32", "HRESULT", "VariantClear",
            "VARIANTARG*");

    public static final int WBEM_FLAG_RETURN_IMMEDIATELY = 0x10;
    public static final int WBEM_FLAG_FORWARD_ONLY = 0x20;
    public static final int WBEM_INFINITE = 0xFFFFFFFF;
    public static final int WBEM_S_FALSE = 1;
    public static final int WBEM_E_NOT_FOUND = 0x80041002;
    public static final int WBEM_E_ACCESS_DENIED = 0x80041003;
    public static final int WBEM_E_INVALID_CLASS = 0x80041010;
    public static final int WBEM_E_INVALID_NAMESPACE = 0x8004100E;
    public static final int WBEM_E_INVALID_QUERY = 0x80041017;
    public static final int WBEM_E_INVALID_METHOD = 0x8004102E;
    public static final int RPC_C_AUTHN_WINNT = 10;
    public static final int RPC_C_AUTHZ_NONE = 0;
    public static final int RPC_C_AUTHN_LEVEL_CALL = 3;
    public static final int RPC_C_IMP_LEVEL_IMPERSONATE = 3;
    public static final int EOAC_NONE = 0;
    public static final int CLSCTX_INPROC_SERVER = 1;
    public static final short VT_EMPTY = 0;
    public static final short VT_NULL = 1;
    public static final short VT_I2 = 2;
    public static final short VT_I4 = 3;
    public static final short VT_BSTR = 8;
    public static final short VT_BOOL = 11;
    public static final short VT_UNKNOWN = 13;
    public static final short VT_UI1 = 17;
    public static final short VT_UI2 = 18;
    public static final short VT_UI4 = 19;
    public static final short VT_I8 = 20;
    public static final short VT_UI8 = 21;
    public static final short VT_INT = 22;
    public static final short VT_UINT = 23;
    public static final int VT_ARRAY = 0x2000;
    /** VARIANT_BOOL's true is all bits set (a 16-bit -1), false 0. */
    public static final short VARIANT_TRUE = -1;
    public static final short VARIANT_FALSE = 0;

    /** VARIANT_BOOL (wtypes.h): the 16-bit boolean a VT_BOOL VARIANT holds at {@code boolVal}. */
    public static final ComStruct VARIANT_BOOL = new ComStruct("VARIANT_BOOL", 2, List.of());

    /**
     * Win32 errors a failover-cluster WMI call may end with on a host whose cluster service is not running (as
     * HRESULT_FROM_WIN32): the service not started, its RPC endpoint not registered, the RPC server unavailable.
     */
    public static final int ERROR_SERVICE_NOT_ACTIVE = 1062;
    public static final int EPT_S_NOT_REGISTERED = 1753;
    public static final int RPC_S_SERVER_UNAVAILABLE = 1722;

    /** Every WMI method the binding calls. */
    public static final List<ComMethod> ALL = List.of(Locator.CONNECT_SERVER, Services.GET_OBJECT, Services.EXEC_QUERY,
            Services.EXEC_METHOD, EnumClassObject.NEXT, ClassObject.QUERY_INTERFACE, ClassObject.GET, ClassObject.PUT,
            ClassObject.SPAWN_INSTANCE, ClassObject.GET_METHOD);

    public static final List<ComStruct> STRUCTS = List.of(VARIANT, VARIANT_BOOL);

    public static final List<NativeFunction> FUNCTIONS = List.of(CO_SET_PROXY_BLANKET, VARIANT_CLEAR);

    public static final List<SdkConstant> CONSTANTS = List.of(
            new SdkConstant("WBEM_FLAG_RETURN_IMMEDIATELY", WBEM_FLAG_RETURN_IMMEDIATELY),
            new SdkConstant("WBEM_FLAG_FORWARD_ONLY", WBEM_FLAG_FORWARD_ONLY),
            new SdkConstant("WBEM_INFINITE", WBEM_INFINITE),
            new SdkConstant("WBEM_S_FALSE", WBEM_S_FALSE),
            new SdkConstant("WBEM_E_NOT_FOUND", WBEM_E_NOT_FOUND),
            new SdkConstant("WBEM_E_ACCESS_DENIED", WBEM_E_ACCESS_DENIED),
            new SdkConstant("WBEM_E_INVALID_CLASS", WBEM_E_INVALID_CLASS),
            new SdkConstant("WBEM_E_INVALID_NAMESPACE", WBEM_E_INVALID_NAMESPACE),
            new SdkConstant("WBEM_E_INVALID_QUERY", WBEM_E_INVALID_QUERY),
            new SdkConstant("WBEM_E_INVALID_METHOD", WBEM_E_INVALID_METHOD),
            new SdkConstant("RPC_C_AUTHN_WINNT", RPC_C_AUTHN_WINNT),
            new SdkConstant("RPC_C_AUTHZ_NONE", RPC_C_AUTHZ_NONE),
            new SdkConstant("RPC_C_AUTHN_LEVEL_CALL", RPC_C_AUTHN_LEVEL_CALL),
            new SdkConstant("RPC_C_IMP_LEVEL_IMPERSONATE", RPC_C_IMP_LEVEL_IMPERSONATE),
            new SdkConstant("EOAC_NONE", EOAC_NONE),
            new SdkConstant("CLSCTX_INPROC_SERVER", CLSCTX_INPROC_SERVER),
            new SdkConstant("VT_EMPTY", VT_EMPTY), new SdkConstant("VT_NULL", VT_NULL), new SdkConstant("VT_I2", VT_I2),
            new SdkConstant("VT_I4", VT_I4), new SdkConstant("VT_BSTR", VT_BSTR), new SdkConstant("VT_BOOL", VT_BOOL),
            new SdkConstant("VT_UNKNOWN", VT_UNKNOWN),
            new SdkConstant("VT_UI1", VT_UI1), new SdkConstant("VT_UI2", VT_UI2), new SdkConstant("VT_UI4", VT_UI4),
            new SdkConstant("VT_I8", VT_I8), new SdkConstant("VT_UI8", VT_UI8), new SdkConstant("VT_INT", VT_INT),
            new SdkConstant("VT_UINT", VT_UINT), new SdkConstant("VT_ARRAY", VT_ARRAY),
            new SdkConstant("VARIANT_TRUE", VARIANT_TRUE), new SdkConstant("VARIANT_FALSE", VARIANT_FALSE),
            new SdkConstant("ERROR_SERVICE_NOT_ACTIVE", ERROR_SERVICE_NOT_ACTIVE),
            new SdkConstant("EPT_S_NOT_REGISTERED", EPT_S_NOT_REGISTERED),
            new SdkConstant("RPC_S_SERVER_UNAVAILABLE", RPC_S_SERVER_UNAVAILABLE));
}
