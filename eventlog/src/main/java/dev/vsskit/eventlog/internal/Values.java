package dev.vsskit.eventlog.internal;

/** The substitution values of one template instance: type, chunk offset and size of each. */
final class Values {

    final int count;
    final int[] type;
    final int[] off;
    final int[] size;

    Values(int count) {
        this.count = count;
        this.type = new int[count];
        this.off = new int[count];
        this.size = new int[count];
    }

    boolean isNull(int index) {
        return index >= count || type[index] == 0;
    }
}
