package dev.vsskit.vss.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WMI binding's slots, prototypes, VARIANT layout, exported functions and constants ({@link WmiInterfaces}),
 * compiled against the MinGW-w64 {@code wbemcli.h} on Win64 with {@link HeaderCheck}; and deliberate mistakes that
 * must fail naming the member.
 */
class WmiHeaderTest {

    static final List<String> HEADERS = List.of("wbemcli.h");

    @TempDir
    Path tmp;

    @BeforeAll
    static void compiler() {
        HeaderCheck.requireCompiler("binding's");
    }

    @Test
    void everyWmiSlotPrototypeLayoutFunctionAndConstantMatchesTheSdkHeaders() throws Exception {
        HeaderCheck.assertCompilesCleanly(HeaderCheck.generate(HEADERS, WmiInterfaces.ALL,
                WmiInterfaces.STRUCTS, WmiInterfaces.FUNCTIONS, WmiInterfaces.CONSTANTS), tmp);
    }

    @Test
    void aWrongWmiSlotTypeLayoutOrConstantFailsNamingIt() throws Exception {
        List<ComMethod> wrong = List.of(
                // slot 21 is ExecQueryAsync
                new ComMethod("IWbemServices", 21, "ExecQuery", WmiInterfaces.Services.EXEC_QUERY.params()),
                // Next takes the timeout first, then the count
                new ComMethod("IEnumWbemClassObject", 4, "Next", List.of("ULONG", "LONG", "IWbemClassObject**", "ULONG*")),
                // ExecMethod's out-parameters are pointers to pointers
                new ComMethod("IWbemServices", 24, "ExecMethod", List.of("BSTR", "BSTR", "LONG", "IWbemContext*",
                        "IWbemClassObject*", "IWbemClassObject*", "IWbemCallResult**")),
                // an embedded object is asked for its interface through IUnknown's first slot
                new ComMethod("IWbemClassObject", 1, "QueryInterface", List.of("REFIID", "void**")));
        ComStruct variant = new ComStruct("VARIANT", 16, List.of(new ComStruct.Field("vt", 0),
                new ComStruct.Field("bstrVal", 4)));
        NativeFunction clear = NativeFunction.of("oleaut32", "HRESULT", "VariantClear", "VARIANTARG**");
        SdkConstant forwardOnly = new SdkConstant("WBEM_FLAG_FORWARD_ONLY", 0x10);
        SdkConstant unknown = new SdkConstant("VT_UNKNOWN", 12);
        // VARIANT_TRUE is a 16-bit -1, not C's 1; a VARIANT_BOOL is 2 bytes, not a 4-byte BOOL
        SdkConstant variantTrue = new SdkConstant("VARIANT_TRUE", 1);
        ComStruct variantBool = new ComStruct("VARIANT_BOOL", 4, List.of());
        HeaderCheck.Result r = HeaderCheck.compile(HeaderCheck.generate(HEADERS, wrong, List.of(variant, variantBool),
                List.of(clear), List.of(forwardOnly, unknown, variantTrue)), tmp);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output())
                .contains("IWbemServices::ExecQuery is not at vtable slot 21")
                .contains("vsskit_check_IEnumWbemClassObject_Next")
                .contains("vsskit_check_IWbemServices_ExecMethod")
                .contains("sizeof(VARIANT) is not 16")
                .contains("VARIANT.bstrVal is not at offset 4")
                .contains("vsskit_check_fn_VariantClear")
                .contains("WBEM_FLAG_FORWARD_ONLY is not 16")
                .contains("IWbemClassObject::QueryInterface is not at vtable slot 1")
                .contains("VT_UNKNOWN is not 12")
                .contains("VARIANT_TRUE is not 1")
                .contains("sizeof(VARIANT_BOOL) is not 4");
    }
}
