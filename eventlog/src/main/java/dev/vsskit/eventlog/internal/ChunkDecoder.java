package dev.vsskit.eventlog.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes the BinXml of the records of one 64 KiB chunk held in a reusable byte array. Names and
 * compiled templates are cached per chunk (both are chunk-relative); {@link #reset()} drops them when
 * the next chunk is loaded. Every read is bounds-checked against the chunk, so damaged input ends in a
 * {@link BinXmlException}, never in an endless loop or a huge allocation.
 */
public final class ChunkDecoder {

    public static final int CHUNK_SIZE = 65536;
    private static final int MAX_DEPTH = 24;
    /**
     * Tokens one record may render. A damaged nested value can point back into its own template instance,
     * so the expansion is bounded by work, not only by depth (found by the fuzz test: 2^depth blow-up).
     */
    private static final int RECORD_BUDGET = 200_000;
    private int budget;
    private static final Set<String> PREDEFINED = Set.of("amp", "lt", "gt", "quot", "apos");

    final byte[] b = new byte[CHUNK_SIZE];
    // Caches indexed by chunk offset: no boxing, no allocation on the record skip path.
    private final String[] names = new String[CHUNK_SIZE];
    private final Template[] templates = new Template[CHUNK_SIZE];
    private final int[] used = new int[2 * CHUNK_SIZE];
    private int usedCount;
    private final Set<Integer> compiling = new HashSet<>();
    private final StringBuilder attributeValue = new StringBuilder(64);

    public byte[] buffer() {
        return b;
    }

    public void reset() {
        for (int i = 0; i < usedCount; i++) {
            names[used[i]] = null;
            templates[used[i]] = null;
        }
        usedCount = 0;
        compiling.clear();
    }

    private void markUsed(int off) {
        if (usedCount < used.length) {
            used[usedCount++] = off;
        }
    }

    // ---------------------------------------------------------------- little-endian reads

    int u8(int p) {
        check(p, 1);
        return b[p] & 0xFF;
    }

    int u16(int p) {
        check(p, 2);
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    int i32(int p) {
        check(p, 4);
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    long i64(int p) {
        check(p, 8);
        return (i32(p) & 0xFFFFFFFFL) | ((long) i32(p + 4)) << 32;
    }

    private static void check(int p, int n) {
        if (p < 0 || p + n > CHUNK_SIZE) {
            throw new BinXmlException("read of " + n + " bytes past the end of the chunk", p);
        }
    }

    String utf16(int p, int chars) {
        check(p, chars * 2);
        char[] c = new char[chars];
        for (int i = 0; i < chars; i++) {
            c[i] = (char) ((b[p + 2 * i] & 0xFF) | (b[p + 2 * i + 1] & 0xFF) << 8);
        }
        return new String(c);
    }

    /** A Name structure at a chunk offset: u32 next, u16 hash, u16 nchars, UTF-16, NUL. */
    String name(int off) {
        if (off < 0 || off + 8 > CHUNK_SIZE) {
            throw new BinXmlException("name offset 0x" + Integer.toHexString(off) + " outside the chunk", off);
        }
        String s = names[off];
        if (s == null) {
            int n = u16(off + 6);
            if (off + 8 + 2 * n > CHUNK_SIZE) {
                throw new BinXmlException("name of " + n + " characters runs past the chunk", off);
            }
            s = utf16(off + 8, n);
            if (!XmlNames.isName(s)) {
                throw new BinXmlException("name at chunk offset 0x" + Integer.toHexString(off)
                        + " is not an XML name (damaged string table)", off);
            }
            names[off] = s;
            markUsed(off);
        }
        return s;
    }

    /** Reads a name reference at p; returns the position after it (skipping an inline definition). */
    private int nameRef(int p, String[] out) {
        int off = i32(p);
        out[0] = name(off);
        p += 4;
        if (off == p) {
            p += 8 + 2 * u16(off + 6) + 2;
        }
        return p;
    }

    // ---------------------------------------------------------------- templates

    /** The template defined at a chunk offset (u32 next, GUID, u32 size, body), compiled once. */
    public Template template(int defOffset) {
        if (defOffset < 0 || defOffset + 24 > CHUNK_SIZE) {
            throw new BinXmlException("template offset 0x" + Integer.toHexString(defOffset) + " outside the chunk", defOffset);
        }
        Template t = templates[defOffset];
        if (t != null) {
            return t;
        }
        if (!compiling.add(defOffset)) {
            throw new BinXmlException("template offset loop at 0x" + Integer.toHexString(defOffset), defOffset);
        }
        try {
            int size = i32(defOffset + 20);
            int start = defOffset + 24;
            int end = (size < 0 || start + (long) size > CHUNK_SIZE) ? CHUNK_SIZE : start + size;
            List<Op> ops = new ArrayList<>(32);
            compile(start, end, true, ops, 0);
            t = new Template(ops.toArray(new Op[0]));
            templates[defOffset] = t;
            markUsed(defOffset);
            return t;
        } finally {
            compiling.remove(defOffset);
        }
    }

    /** Parsed header of a template instance token at p (0x0C). */
    private int instance(int p, int end, Object[] out, int depth) {
        int q = p + 2;
        q += 4; // template id (= first dword of the GUID)
        int defOffset = i32(q);
        q += 4;
        if (defOffset == q) {
            int size = i32(q + 20);
            if (size < 0 || q + 24L + size > CHUNK_SIZE) {
                throw new BinXmlException("inline template of " + size + " bytes runs past the chunk", q);
            }
            out[0] = template(defOffset);
            q += 24 + size;
        } else {
            out[0] = template(defOffset);
        }
        int n = i32(q);
        q += 4;
        if (n < 0 || n > (end - q) / 4) {
            throw new BinXmlException("template instance claims " + n + " values", q - 4);
        }
        Values v = new Values(n);
        int data = q + 4 * n;
        for (int i = 0; i < n; i++) {
            int size = u16(q + 4 * i);
            v.type[i] = u8(q + 4 * i + 2);
            v.off[i] = data;
            int avail = Math.max(0, Math.min(size, end - data));
            v.size[i] = avail;
            data += size;
        }
        out[1] = v;
        return Math.min(data, end);
    }

    /** Value of substitution {@code index} of the template instance at record data p, as an int, or -1. */
    public int instanceValueU16(int instancePos, int end, int index) {
        int q = instancePos + 6;
        int defOffset = i32(q);
        q += 4;
        if (defOffset == q) {
            q += 24 + i32(q + 20);
        }
        int n = i32(q);
        q += 4;
        if (n <= index || n > (end - q) / 4 || q < 0) {
            return -1;
        }
        int data = q + 4 * n;
        for (int i = 0; i < index; i++) {
            data += u16(q + 4 * i);
        }
        int size = u16(q + 4 * index);
        int type = u8(q + 4 * index + 2);
        if (data + size > end) {
            return -1;
        }
        return switch (type) {
            case 0x04 -> size >= 1 ? u8(data) : -1;
            case 0x06 -> size >= 2 ? u16(data) : -1;
            case 0x08 -> size >= 4 ? i32(data) : -1;
            default -> -1;
        };
    }

    // ---------------------------------------------------------------- compile

    private static boolean isValueToken(int t) {
        int base = t & 0xBF;
        return base == 0x05 || base == 0x0D || base == 0x0E || base == 0x08 || base == 0x09;
    }

    /**
     * Compiles tokens from p until the EOF token at depth 0 (or {@code end}) into {@code ops};
     * returns the position of that EOF token (not consumed) or end.
     */
    private int compile(int p, int end, boolean depIdExpected, List<Op> ops, int depth) {
        if (depth > MAX_DEPTH) {
            throw new BinXmlException("BinXml nested too deeply", p);
        }
        String[] nm = new String[1];
        Object[] inst = new Object[2];
        ArrayList<Integer> openStack = new ArrayList<>();
        while (p < end) {
            if (--budget < 0) {
                throw new BinXmlException("record expands beyond " + RECORD_BUDGET + " tokens; damaged nesting", p);
            }
            int t = u8(p);
            switch (t & 0xBF) {
                case 0x00 -> {
                    if (openStack.isEmpty()) {
                        return p;
                    }
                    throw new BinXmlException("end of BinXml inside an open element", p);
                }
                case 0x0F -> p += 4;
                case 0x01 -> {
                    p = openElement(p, t, depIdExpected, nm);
                    Op op = new Op(Op.OPEN);
                    op.text = nm[0];
                    openStack.add(ops.size());
                    ops.add(op);
                    // Attributes follow the attribute-list size.
                    while (p < end && (u8(p) & 0xBF) == 0x06) {
                        p = nameRef(p + 1, nm);
                        Op attr = new Op(Op.ATTR);
                        attr.text = nm[0];
                        int at = ops.size();
                        ops.add(attr);
                        while (p < end && isValueToken(u8(p))) {
                            p = valueToken(p, end, ops, nm);
                        }
                        ops.get(at).jump = ops.size();
                    }
                }
                case 0x02 -> {
                    ops.add(new Op(Op.CLOSE_START));
                    p++;
                }
                case 0x03 -> {
                    if (openStack.isEmpty()) {
                        throw new BinXmlException("close of an element that was not opened", p);
                    }
                    int open = openStack.remove(openStack.size() - 1);
                    ops.get(open).jump = ops.size();
                    ops.add(new Op(Op.CLOSE_EMPTY));
                    p++;
                }
                case 0x04 -> {
                    if (openStack.isEmpty()) {
                        throw new BinXmlException("end of an element that was not opened", p);
                    }
                    int open = openStack.remove(openStack.size() - 1);
                    Op o = ops.get(open);
                    o.jump = ops.size();
                    soleSubstitution(ops, open, o);
                    ops.add(new Op(Op.END));
                    p++;
                }
                case 0x05, 0x0D, 0x0E, 0x08, 0x09 -> p = valueToken(p, end, ops, nm);
                case 0x07 -> {
                    int n = u16(p + 1);
                    Op op = new Op(Op.CDATA);
                    op.text = utf16(p + 3, n);
                    ops.add(op);
                    p += 3 + 2 * n;
                }
                case 0x0A -> {
                    p = nameRef(p + 1, nm);
                    if (nm[0].equalsIgnoreCase("xml")) {
                        throw new BinXmlException("processing instruction with the reserved target xml", p);
                    }
                    Op op = new Op(Op.PI);
                    op.text = nm[0];
                    op.text2 = "";
                    if (p < end && u8(p) == 0x0B) {
                        int n = u16(p + 1);
                        op.text2 = utf16(p + 3, n);
                        p += 3 + 2 * n;
                    }
                    ops.add(op);
                }
                case 0x0B -> {
                    int n = u16(p + 1);
                    p += 3 + 2 * n;
                }
                case 0x0C -> {
                    if (depth + openStack.size() > MAX_DEPTH) {
                        throw new BinXmlException("BinXml nested too deeply", p);
                    }
                    p = instance(p, end, inst, depth);
                    Op op = new Op(Op.INSTANCE);
                    op.template = (Template) inst[0];
                    op.values = (Values) inst[1];
                    ops.add(op);
                }
                default -> throw new BinXmlException("unknown BinXml token 0x" + Integer.toHexString(t), p);
            }
        }
        return end;
    }

    /** Marks an element whose only content is one substitution: array values repeat the element. */
    private static void soleSubstitution(List<Op> ops, int open, Op o) {
        int j = open + 1;
        while (j < o.jump && ops.get(j).kind == Op.ATTR) {
            j = ops.get(j).jump;
        }
        if (j + 2 == o.jump && ops.get(j).kind == Op.CLOSE_START && ops.get(j + 1).kind == Op.SUBST) {
            o.index = ops.get(j + 1).index;
        }
    }

    /** Parses an OpenStartElement token; decides whether a dependency id is present by which layout is valid. */
    private int openElement(int p, int t, boolean depIdExpected, String[] nm) {
        int withDep = p + 7;
        int without = p + 5;
        int first = depIdExpected ? withDep : without;
        int second = depIdExpected ? without : withDep;
        int nameAt = plausibleName(first) ? first : plausibleName(second) ? second : first;
        int q = nameRef(nameAt, nm);
        if ((t & 0x40) != 0) {
            q += 4; // attribute list size
        }
        return q;
    }

    private boolean plausibleName(int at) {
        if (at + 4 > CHUNK_SIZE) {
            return false;
        }
        int off = i32(at);
        if (off == at + 4) {
            return off + 8 <= CHUNK_SIZE;
        }
        return off >= 128 && off < at && off + 8 <= CHUNK_SIZE;
    }

    private int valueToken(int p, int end, List<Op> ops, String[] nm) {
        int t = u8(p) & 0xBF;
        switch (t) {
            case 0x05 -> {
                int n = u16(p + 2);
                Op op = new Op(Op.TEXT);
                op.text = utf16(p + 4, n);
                ops.add(op);
                return p + 4 + 2 * n;
            }
            case 0x0D, 0x0E -> {
                Op op = new Op(Op.SUBST);
                op.index = u16(p + 1);
                op.valueType = u8(p + 3);
                op.optional = t == 0x0E;
                ops.add(op);
                return p + 4;
            }
            case 0x08 -> {
                int cp = u16(p + 1);
                if (!XmlNames.isXmlChar(cp) || Character.isSurrogate((char) cp)) {
                    throw new BinXmlException("character reference to U+" + Integer.toHexString(cp)
                            + ", not an XML character", p);
                }
                Op op = new Op(Op.REF);
                op.text = "&#" + cp + ";";
                ops.add(op);
                return p + 3;
            }
            default -> { // 0x09 entity reference
                int q = nameRef(p + 1, nm);
                if (!PREDEFINED.contains(nm[0])) {
                    throw new BinXmlException("reference to an undeclared entity &" + nm[0] + ";", p);
                }
                Op op = new Op(Op.REF);
                op.text = "&" + nm[0] + ";";
                ops.add(op);
                return q;
            }
        }
    }

    // ---------------------------------------------------------------- render

    /**
     * Renders the BinXml document of a record (data between the record header and the trailing size).
     */
    /** Starts a record's work budget (rendering and template compilation both spend it). */
    public void resetBudget() {
        budget = RECORD_BUDGET;
    }

    public void renderRecord(int start, int end, XmlSink sink) {
        budget = RECORD_BUDGET;
        renderFragment(start, end, sink, 0);
    }

    private void renderFragment(int p, int end, XmlSink sink, int depth) {
        if (depth > MAX_DEPTH) {
            throw new BinXmlException("BinXml nested too deeply", p);
        }
        Object[] inst = new Object[2];
        while (p < end) {
            int t = u8(p);
            if (t == 0x0F) {
                p += 4;
            } else if (t == 0x0C) {
                p = instance(p, end, inst, depth);
                renderOps(((Template) inst[0]).ops, 0, ((Template) inst[0]).ops.length, (Values) inst[1], sink, depth, -1, null);
            } else if (t == 0x00) {
                p++;
                // Another fragment may follow; Windows also leaves a stub "0f 01 01 00 0c" before the
                // size trailer of some records, too short to be a template instance: stop there.
                if (end - p < 4 + 14 || u8(p) != 0x0F) {
                    return;
                }
            } else {
                List<Op> ops = new ArrayList<>();
                p = compile(p, end, false, ops, depth + 1);
                Op[] arr = ops.toArray(new Op[0]);
                renderOps(arr, 0, arr.length, null, sink, depth, -1, null);
            }
        }
    }

    private void renderOps(Op[] ops, int from, int to, Values v, XmlSink sink, int depth, int ovIndex, String ovValue) {
        int i = from;
        while (i < to) {
            if (--budget < 0) {
                throw new BinXmlException("record expands beyond " + RECORD_BUDGET + " tokens; damaged nesting", 0);
            }
            Op op = ops[i];
            switch (op.kind) {
                case Op.OPEN -> {
                    int last = Math.min(op.jump, to - 1);
                    if (op.jump <= i) {
                        last = to - 1;
                    }
                    if (op.index >= 0 && v != null && op.index < v.count && (v.type[op.index] & 0x80) != 0
                            && op.index != ovIndex) {
                        for (String item : ValueText.arrayItems(this, v, op.index)) {
                            renderElement(ops, i, last, v, sink, depth, op.index, item);
                        }
                    } else {
                        renderElement(ops, i, last, v, sink, depth, ovIndex, ovValue);
                    }
                    i = last + 1;
                }
                case Op.TEXT -> {
                    sink.text(op.text);
                    i++;
                }
                case Op.REF -> {
                    sink.rawText(op.text);
                    i++;
                }
                case Op.CDATA -> {
                    sink.cdata(op.text);
                    i++;
                }
                case Op.PI -> {
                    sink.processingInstruction(op.text, op.text2);
                    i++;
                }
                case Op.SUBST -> {
                    substitution(op, v, sink, depth, ovIndex, ovValue);
                    i++;
                }
                case Op.INSTANCE -> {
                    renderOps(op.template.ops, 0, op.template.ops.length, op.values, sink, depth + 1, -1, null);
                    i++;
                }
                default -> i++;
            }
        }
    }

    private void renderElement(Op[] ops, int i, int last, Values v, XmlSink sink, int depth, int ovIndex, String ovValue) {
        Op open = ops[i];
        sink.startElement(open.text);
        int j = i + 1;
        while (j < last && ops[j].kind == Op.ATTR) {
            Op a = ops[j];
            StringBuilder value = attributeValue;
            value.setLength(0);
            boolean omit = false;
            int stop = Math.min(a.jump, last);
            for (int k = j + 1; k < stop; k++) {
                Op vo = ops[k];
                if (vo.kind == Op.TEXT) {
                    value.append(vo.text);
                } else if (vo.kind == Op.REF) {
                    value.append(XmlRefs.unescape(vo.text));
                } else if (vo.kind == Op.SUBST) {
                    if (v == null || v.isNull(vo.index)) {
                        omit |= vo.optional || v == null || vo.index >= v.count;
                    } else if (vo.index == ovIndex) {
                        value.append(ovValue);
                    } else if ((v.type[vo.index] & 0x7F) == 0x21) {
                        omit = true;
                    } else {
                        value.append(ValueText.format(this, v, vo.index));
                    }
                }
            }
            if (!omit) {
                sink.attribute(a.text, value.toString());
            }
            j = Math.max(a.jump, j + 1);
        }
        if (j <= last && ops[j].kind == Op.CLOSE_EMPTY) {
            sink.endStartTag(true);
            return;
        }
        if (j <= last && ops[j].kind == Op.CLOSE_START) {
            j++;
        }
        sink.endStartTag(false);
        renderOps(ops, j, last, v, sink, depth, ovIndex, ovValue);
        sink.endElement(open.text);
    }

    private void substitution(Op op, Values v, XmlSink sink, int depth, int ovIndex, String ovValue) {
        if (v == null || v.isNull(op.index)) {
            return;
        }
        if (op.index == ovIndex) {
            sink.text(ovValue);
            return;
        }
        int type = v.type[op.index];
        if (type == 0x21) {
            renderFragment(v.off[op.index], v.off[op.index] + v.size[op.index], sink, depth + 1);
        } else {
            sink.text(ValueText.format(this, v, op.index));
        }
    }
}
