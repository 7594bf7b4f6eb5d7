package dev.vsskit.vss.windows;

import java.util.Map;
import java.util.Optional;

/**
 * The properties vsskit read of one WMI object ({@code IWbemClassObject::Get}): strings (BSTR, also references
 * and 64-bit numbers, as WMI gives them), numbers ({@code Long}) and booleans. A property that is NULL or was not
 * found is absent.
 */
public record WmiObject(Map<String, Object> properties) {

    public WmiObject {
        properties = Map.copyOf(properties);
    }

    public Optional<String> string(String name) {
        Object v = properties.get(name);
        return v == null ? Optional.empty() : Optional.of(v.toString());
    }

    public Optional<Long> number(String name) {
        Object v = properties.get(name);
        if (v instanceof Long l) {
            return Optional.of(l);
        }
        if (v instanceof String s) {
            try {
                return Optional.of(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
