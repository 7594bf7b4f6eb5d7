package dev.vsskit.eventlog.internal;

/**
 * A compiled template definition of one chunk, with the System literals a query can test without
 * rendering: Windows stores Provider Name, Channel and Computer as literal text in the template.
 */
public final class Template {

    final Op[] ops;
    final String providerName;   // literal Provider/@Name, or null when it is a substitution or absent
    final int eventIdIndex;      // substitution index of EventID text, or -1
    final int eventIdLiteral;    // literal EventID, or -1
    /** Cached query verdict for this template: key is the prefilter that computed it. */
    Object verdictKey;
    boolean verdict;

    Template(Op[] ops) {
        this.ops = ops;
        String provider = null;
        int idIndex = -1;
        int idLiteral = -1;
        for (int i = 0; i < ops.length; i++) {
            Op op = ops[i];
            if (op.kind != Op.OPEN) {
                continue;
            }
            if (provider == null && "Provider".equals(op.text)) {
                for (int j = i + 1; j < op.jump && ops[j].kind == Op.ATTR; j = ops[j].jump) {
                    if ("Name".equals(ops[j].text) && ops[j].jump == j + 2 && ops[j + 1].kind == Op.TEXT) {
                        provider = ops[j + 1].text;
                    }
                }
            } else if (idIndex < 0 && idLiteral < 0 && "EventID".equals(op.text)) {
                int j = i + 1;
                while (j < op.jump && ops[j].kind == Op.ATTR) {
                    j = ops[j].jump;
                }
                if (j + 2 == op.jump && ops[j].kind == Op.CLOSE_START) {
                    Op content = ops[j + 1];
                    if (content.kind == Op.SUBST) {
                        idIndex = content.index;
                    } else if (content.kind == Op.TEXT) {
                        try {
                            idLiteral = Integer.parseInt(content.text.trim());
                        } catch (NumberFormatException ignored) {
                            // not a number: leave it to the full evaluation
                        }
                    }
                }
            }
        }
        this.providerName = provider;
        this.eventIdIndex = idIndex;
        this.eventIdLiteral = idLiteral;
    }

    public String providerName() {
        return providerName;
    }

    public int eventIdIndex() {
        return eventIdIndex;
    }

    public int eventIdLiteral() {
        return eventIdLiteral;
    }

    /** The filter's provider verdict for this template, computed once per (template, filter). */
    public boolean providerVerdict(dev.vsskit.eventlog.RecordFilter filter) {
        if (verdictKey != filter) {
            verdictKey = filter;
            verdict = providerName == null || filter.providerMayMatch(providerName);
        }
        return verdict;
    }
}
