package dev.vsskit.ontap.client;

/** An ONTAP background job: state queued | running | paused | success | failure. */
public record JobInfo(String uuid, String state, String message, int code, String description, String errorCode,
        String errorMessage) {

    public boolean terminal() {
        return "success".equals(state) || "failure".equals(state);
    }

    public boolean failed() {
        return "failure".equals(state);
    }
}
