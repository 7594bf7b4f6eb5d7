package dev.vsskit.cli.list;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.VssId;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code list shadows}: per shadow copy set vssadmin's MSG_INFO_SNAPSHOT_SET_HEADER, then
 * MSG_INFO_SNAPSHOT_CONTENTS per shadow (indents 0/3/6/9). Creation time in the US format vssadmin prints
 * ({@code 5/31/2022 1:45:05 PM}) in the given zone; JSON carries it as ISO-8601 UTC.
 */
public final class ShadowView implements RecordView<Shadow> {

    private static final DateTimeFormatter VSSADMIN_TIME = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);

    /** Built on first use: text output needs no getters, so it starts without bootstrapping lambdas. */
    private static final class Fields {
        static final List<Field<Shadow>> ALL = List.of(
                Field.of("shadowId", s -> s.shadowId().toString()),
                Field.of("setId", s -> s.setId().toString()),
                Field.of("shadowsInSet", Shadow::shadowsInSet),
                Field.of("created", s -> s.created().toString()),
                Field.of("originalVolumePath", Shadow::originalVolumePath),
                Field.of("originalVolumeName", Shadow::originalVolumeName),
                Field.of("shadowVolume", Shadow::shadowVolume),
                Field.of("originatingMachine", Shadow::originatingMachine),
                Field.of("serviceMachine", Shadow::serviceMachine),
                Field.of("providerId", s -> s.providerId().toString()),
                Field.of("providerName", Shadow::providerName),
                Field.of("type", s -> s.context().typeName()),
                Field.of("attributes", s -> s.attributes().words()),
                Field.of("attributeBits", s -> s.attributes().bits()));
    }

    private final ZoneId zone;

    public ShadowView(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public List<Field<Shadow>> fields() {
        return Fields.ALL;
    }

    @Override
    public void text(List<Shadow> rows, PrintWriter out) {
        Map<VssId, List<Shadow>> sets = new LinkedHashMap<>();
        for (Shadow s : rows) {
            sets.computeIfAbsent(s.setId(), k -> new ArrayList<>()).add(s);
        }
        for (Map.Entry<VssId, List<Shadow>> set : sets.entrySet()) {
            Shadow first = set.getValue().get(0);
            out.println("Contents of shadow copy set ID: " + set.getKey());
            out.println("   Contained " + first.shadowsInSet() + " shadow copies at creation time: "
                    + VSSADMIN_TIME.format(first.created().atZone(zone)));
            for (Shadow s : set.getValue()) {
                out.println("      Shadow Copy ID: " + s.shadowId());
                out.println("         Original Volume: (" + displayName(s.originalVolumePath()) + ")"
                        + s.originalVolumeName());
                out.println("         Shadow Copy Volume: " + s.shadowVolume());
                out.println("         Originating Machine: " + nullToEmpty(s.originatingMachine()));
                out.println("         Service Machine: " + nullToEmpty(s.serviceMachine()));
                out.println("         Provider: '" + s.providerName() + "'");
                out.println("         Type: " + s.context().typeName());
                out.println("         Attributes: " + s.attributes().text());
                out.println();
            }
        }
    }

    /** {@code C:\} prints as {@code C:}, a mount point without its trailing backslash. */
    static String displayName(String volumePath) {
        return volumePath.endsWith("\\") && volumePath.length() > 1
                ? volumePath.substring(0, volumePath.length() - 1) : volumePath;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
