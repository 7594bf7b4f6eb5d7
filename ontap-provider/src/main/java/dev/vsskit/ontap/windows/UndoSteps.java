package dev.vsskit.ontap.windows;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The steps that undo what was done so far (unmount, offline, unmap, delete a clone), run newest first, each tried
 * even when an earlier one failed; closing twice runs them once.
 */
final class UndoSteps implements AutoCloseable {

    private final Deque<Runnable> steps = new ArrayDeque<>();

    void push(Runnable step) {
        steps.push(step);
    }

    /** After {@code cause}: every step runs; their failures are added to it. */
    void undoAfter(RuntimeException cause) {
        while (!steps.isEmpty()) {
            try {
                steps.pop().run();
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** Every step runs; the first failure is thrown, with the later ones added to it. */
    @Override
    public void close() {
        RuntimeException first = null;
        while (!steps.isEmpty()) {
            try {
                steps.pop().run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
