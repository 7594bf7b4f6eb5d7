package dev.vsskit.cli.backup;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.cli.render.Times;
import dev.vsskit.vss.backup.Leftovers;
import java.io.PrintWriter;
import java.util.List;

/** What {@code vsskit cleanup} prints: each leftover, why it is one, and what was (or would be) done. */
final class LeftoverView implements RecordView<Leftovers.Outcome> {

    private static final List<Field<Leftovers.Outcome>> FIELDS = List.of(
            Field.of("kind", o -> o.leftover().kind().text()),
            Field.of("name", o -> o.leftover().name()),
            Field.of("where", o -> o.leftover().where()),
            Field.of("why", o -> o.leftover().why()),
            Field.of("removed", Leftovers.Outcome::removed),
            Field.of("detail", Leftovers.Outcome::detail));

    private final boolean applied;
    private final java.time.ZoneId zone;

    private LeftoverView(boolean applied, java.time.ZoneId zone) {
        this.applied = applied;
        this.zone = zone;
    }

    static LeftoverView dryRun(java.time.ZoneId zone) {
        return new LeftoverView(false, zone);
    }

    static LeftoverView applied(java.time.ZoneId zone) {
        return new LeftoverView(true, zone);
    }

    @Override
    public List<Field<Leftovers.Outcome>> fields() {
        return FIELDS;
    }

    @Override
    public void text(List<Leftovers.Outcome> rows, PrintWriter out) {
        for (Leftovers.Outcome o : rows) {
            Leftovers.Leftover l = o.leftover();
            out.println("Leftover " + l.kind().text() + ": " + l.name());
            out.println("   Where: " + l.where());
            out.println("   Why: " + Times.localize(l.why(), zone));
            out.println("   " + (applied ? (o.removed() ? "Removed: " : "Not removed: ") + o.detail()
                    : "Dry run: `vsskit cleanup --apply` removes it"));
            out.println();
        }
        long removed = rows.stream().filter(Leftovers.Outcome::removed).count();
        out.println(applied ? "Removed " + removed + " of " + count(rows.size()) + "."
                : count(rows.size()) + " found; nothing was changed (dry run).");
    }

    private static String count(long n) {
        return dev.vsskit.vss.Words.count(n, "leftover");
    }
}
