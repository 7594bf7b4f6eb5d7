package dev.vsskit.vss;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the provider registrations under {@code HKLM\SYSTEM\CurrentControlSet\Services\VSS\Providers} into
 * {@link Provider} records. Each subkey is named by the provider id and holds {@code (Default)} (REG_SZ, the
 * name), {@code Type} (REG_DWORD, VSS_PROVIDER_TYPE) and {@code Version} (REG_SZ). Plain Java, so it is tested
 * on any system; the registry read itself is in {@code dev.vsskit.vss.windows}.
 */
public final class ProviderRegistrations {

    /** The registry key, below HKEY_LOCAL_MACHINE. */
    public static final String KEY = "SYSTEM\\CurrentControlSet\\Services\\VSS\\Providers";

    /** The providers read, and one line per subkey that could not be read as a provider (stale or broken keys). */
    public record Result(List<Provider> providers, List<String> skipped) {
        public Result {
            providers = List.copyOf(providers);
            skipped = List.copyOf(skipped);
        }
    }

    private ProviderRegistrations() {
    }

    /**
     * @param subkeys subkey name to its values, as the registry enumerates them; value names are
     *                case-insensitive and the default value is named {@code ""} or {@code "(Default)"};
     *                REG_SZ values are Strings, REG_DWORD values Integers
     */
    public static Result parse(Map<String, Map<String, Object>> subkeys) {
        List<Provider> providers = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> key : subkeys.entrySet()) {
            String keyName = key.getKey();
            Map<String, Object> values = Objects.requireNonNullElse(key.getValue(), Map.of());
            if (!VssId.isValid(keyName)) {
                skipped.add("Providers\\" + keyName + ": the key name is not a provider id");
                continue;
            }
            Object name = value(values, "");
            if (name == null) {
                name = value(values, "(Default)");
            }
            if (!(name instanceof String s) || s.isBlank()) {
                skipped.add("Providers\\" + keyName + ": no provider name in (Default)");
                continue;
            }
            Object type = value(values, "Type");
            if (!(type instanceof Integer t) || ProviderType.of(t) == ProviderType.UNKNOWN) {
                skipped.add("Providers\\" + keyName + ": Type is " + (type == null ? "missing" : "'" + type + "'")
                        + ", expected a REG_DWORD 1-4");
                continue;
            }
            Object version = value(values, "Version");
            providers.add(new Provider(s.strip(), ProviderType.of(t), VssId.parse(keyName),
                    version instanceof String v ? v.strip() : ""));
        }
        return new Result(providers, skipped);
    }

    private static Object value(Map<String, Object> values, String name) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return e.getValue();
            }
        }
        return null;
    }
}
