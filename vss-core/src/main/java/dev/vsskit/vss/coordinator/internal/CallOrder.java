package dev.vsskit.vss.coordinator.internal;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.VssException;
import java.util.Locale;

/** The call-order rule the coordinator's sessions share: a call outside its stages fails with VSS_E_BAD_STATE. */
final class CallOrder {

    private CallOrder() {
    }

    @SafeVarargs
    static <S extends Enum<S>> void require(S stage, String call, String session, String order, S... allowed) {
        for (S s : allowed) {
            if (stage == s) {
                return;
            }
        }
        throw badState(stage, call, session, order);
    }

    /** "{@code call} is not allowed now: the {@code session} session is {@code stage} (order: ...)". */
    static VssException badState(Enum<?> stage, String call, String session, String order) {
        return new VssException(HResult.VSS_E_BAD_STATE, call + " is not allowed now: the " + session + " session is "
                + stage.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " (order: " + order + ")");
    }
}
