package dev.chattoken.sidecar.keys;

/** A key file that cannot be used. The message says why and never contains the file's content. */
public final class KeyFileException extends Exception {

    public KeyFileException(String reason) {
        super(reason, null, false, false);
    }
}
