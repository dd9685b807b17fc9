package org.velibstream.gbfs;

/** A field of one entry that is missing or has the wrong type: the entry is rejected with this message. */
final class InvalidValueException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidValueException(String reason) {
        // Stack traces are never shown for rejections and would cost a walk of the stack per bad entry.
        super(reason, null, false, false);
    }
}
