package io.github.firmwaremaven.errors;

/**
 * A problem the user can fix: bad configuration, bad input, a missing tool. The message says what is
 * wrong, where (file, line, entry) and what to do; the mojos report it without a stack trace.
 */
public class FirmwareException extends Exception {
    public FirmwareException(String message) {
        super(message);
    }

    public FirmwareException(String message, Throwable cause) {
        super(message, cause);
    }
}
