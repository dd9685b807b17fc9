package org.velibstream.source.http.auth;

import java.io.IOException;
import javax.annotation.Nullable;

/** No credentials could be obtained for a poll, for example because the OAuth2 token endpoint failed. */
public final class AuthenticationException extends IOException {

    public AuthenticationException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
