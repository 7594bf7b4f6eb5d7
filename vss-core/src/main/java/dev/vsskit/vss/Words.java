package dev.vsskit.vss;

/** Numbers with words as people write them: "1 VM", "2 VMs", "0 volumes". */
public final class Words {

    private Words() {
    }

    /** {@code n} and the noun, plural unless {@code n} is 1 (nouns vsskit uses take an "s"). */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
