package dev.vsskit.eventlog;

/**
 * Where a component writes Windows events: the lab binds it to its Application.evtx; on Windows the
 * real providers write their own events and vsskit writes none.
 */
public interface EventSink {

    void write(ClassicEvent event);

    /** Drops every event: for code paths that must not log. */
    EventSink NONE = event -> { };
}
