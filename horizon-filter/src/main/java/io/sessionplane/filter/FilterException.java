package io.sessionplane.filter;

/** The client's filter, sort or paging parameters are invalid; the message says why, for a 400 body. */
public class FilterException extends RuntimeException {
    public FilterException(String message) {
        super(message);
    }
}
