package dev.vsskit.cli;

import dev.vsskit.cli.GlobalOptions.HostKind;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --host}'s value: {@code lab}, {@code windows}, or {@code lab:NODE}, a node of the lab's failover cluster
 * (e.g. {@code lab:HV-LAB-02}) to run the command on, as a requester on that node would.
 */
public record HostOption(HostKind kind, Optional<String> node) {

    /** The option's value, or null when it is none of the accepted forms. */
    public static HostOption parse(String text) {
        String t = text.trim();
        int colon = t.indexOf(':');
        String kindText = colon < 0 ? t : t.substring(0, colon);
        for (HostKind k : HostKind.values()) {
            if (k.name().equalsIgnoreCase(kindText)) {
                if (colon < 0) {
                    return new HostOption(k, Optional.empty());
                }
                String node = t.substring(colon + 1).trim();
                return k == HostKind.lab && node.matches("[A-Za-z0-9][A-Za-z0-9-]{0,62}")
                        ? new HostOption(k, Optional.of(node)) : null;
            }
        }
        return null;
    }

    /** As typed on a command line. */
    public String text() {
        return kind.name() + node.map(n -> ":" + n).orElse("");
    }

    /** picocli's conversion, with the one-line error for anything else. */
    public static final class Converter implements ITypeConverter<HostOption> {
        @Override
        public HostOption convert(String value) {
            HostOption h = parse(value);
            if (h == null) {
                throw new TypeConversionException("expected lab, lab:NODE (a node of the lab's cluster, e.g."
                        + " lab:HV-LAB-02) or windows, not '" + value + "'");
            }
            return h;
        }
    }

    /** What completion offers. */
    public static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of(HostKind.lab.name(), HostKind.windows.name()).iterator();
        }
    }

    @Override
    public String toString() {
        return text().toLowerCase(Locale.ROOT).startsWith("lab:") ? text() : kind.name();
    }
}
