package dev.vsskit.vss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Registry values, shaped as jna-platform's Advapi32Util.registryGetValues returns them, become providers. */
class ProviderRegistrationsTest {

    @Test
    void readsNameTypeAndVersionOfEachProviderKey() {
        Map<String, Map<String, Object>> keys = new LinkedHashMap<>();
        keys.put("{b5946137-7b9f-4925-af80-51abd60b20d5}", Map.of("", "Microsoft Software Shadow Copy provider 1.0",
                "Type", 1, "Version", "1.0.0.7", "VersionId", "{00000001-0000-0000-0007-000000000001}"));
        keys.put("{DDD3D232-A96F-4AC5-8F7B-250FD91FD102}", Map.of("(Default)", "Data ONTAP VSS Hardware Provider",
                "type", 3, "version", "7.0.0.5235"));
        keys.put("{89300202-3cec-4981-9171-19f59559e0f2}", Map.of("", "Microsoft File Share Shadow Copy provider",
                "Type", 4));

        ProviderRegistrations.Result r = ProviderRegistrations.parse(keys);

        assertThat(r.skipped()).isEmpty();
        assertThat(r.providers()).containsExactly(
                new Provider("Microsoft Software Shadow Copy provider 1.0", ProviderType.SYSTEM,
                        VssId.parse("{b5946137-7b9f-4925-af80-51abd60b20d5}"), "1.0.0.7"),
                new Provider("Data ONTAP VSS Hardware Provider", ProviderType.HARDWARE,
                        VssId.parse("{ddd3d232-a96f-4ac5-8f7b-250fd91fd102}"), "7.0.0.5235"),
                new Provider("Microsoft File Share Shadow Copy provider", ProviderType.FILESHARE,
                        VssId.parse("{89300202-3cec-4981-9171-19f59559e0f2}"), ""));
    }

    @Test
    void skipsBrokenKeysAndSaysWhy() {
        Map<String, Map<String, Object>> keys = new LinkedHashMap<>();
        keys.put("NotAGuid", Map.of("", "x", "Type", 1));
        keys.put("{00000000-0000-0000-0000-000000000001}", Map.of("Type", 2));
        keys.put("{00000000-0000-0000-0000-000000000002}", Map.of("", "Old provider", "Type", "3"));
        keys.put("{00000000-0000-0000-0000-000000000003}", Map.of("", "Odd provider", "Type", 9));
        keys.put("{00000000-0000-0000-0000-000000000004}", Map.of("", "Good", "Type", 2, "Version", "1.0"));

        ProviderRegistrations.Result r = ProviderRegistrations.parse(keys);

        assertThat(r.providers()).extracting(Provider::name).containsExactly("Good");
        assertThat(r.skipped()).containsExactly(
                "Providers\\NotAGuid: the key name is not a provider id",
                "Providers\\{00000000-0000-0000-0000-000000000001}: no provider name in (Default)",
                "Providers\\{00000000-0000-0000-0000-000000000002}: Type is '3', expected a REG_DWORD 1-4",
                "Providers\\{00000000-0000-0000-0000-000000000003}: Type is '9', expected a REG_DWORD 1-4");
    }
}
