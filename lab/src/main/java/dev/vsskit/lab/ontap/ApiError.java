package dev.vsskit.lab.ontap;

/** An ONTAP error answer: HTTP status, ONTAP error code, message and target (the field it is about). */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;
    final String target;

    ApiError(int status, String code, String message, String target) {
        super(message);
        this.status = status;
        this.code = code;
        this.target = target;
    }

    ApiError(int status, String code, String message) {
        this(status, code, message, "");
    }

    static ApiError notAllowed(String method) {
        return new ApiError(405, "3", "The method " + method + " is not supported for this resource");
    }

    static ApiError notFound(String target) {
        return new ApiError(404, "4", "entry doesn't exist", target);
    }
}
