package org.velibstream.source.http.auth;

import java.io.Serializable;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.annotation.Nullable;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;

/**
 * How the source authenticates its polls. API keys sent as plain headers need no authentication object: give them
 * as source-wide or per-endpoint headers.
 */
public sealed interface HttpAuthentication extends Serializable {

    static HttpAuthentication none() {
        return None.INSTANCE;
    }

    static HttpAuthentication bearerToken(String token) {
        return new BearerToken(new Secret(token));
    }

    /** OAuth 2.0 client-credentials grant (RFC 6749 section 4.4), client authenticated with HTTP Basic. */
    static HttpAuthentication oauth2ClientCredentials(
            URI tokenUri, String clientId, String clientSecret, @Nullable String scope) {
        return new OAuth2ClientCredentials(tokenUri, clientId, new Secret(clientSecret), scope);
    }

    /** Creates the runtime side; token requests go through the split reader's client. */
    Authorizer createAuthorizer(CloseableHttpAsyncClient client, Clock clock);

    /** No {@code Authorization} header. */
    enum None implements HttpAuthentication {
        INSTANCE;

        @Override
        public Authorizer createAuthorizer(CloseableHttpAsyncClient client, Clock clock) {
            return new FixedAuthorizer(Optional.empty());
        }
    }

    /** A long-lived token sent as {@code Authorization: Bearer <token>}. */
    record BearerToken(Secret token) implements HttpAuthentication {

        public BearerToken {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public Authorizer createAuthorizer(CloseableHttpAsyncClient client, Clock clock) {
            return new FixedAuthorizer(Optional.of("Bearer " + token.value()));
        }
    }

    /** Client id and secret exchanged at {@code tokenUri} for short-lived bearer tokens. */
    record OAuth2ClientCredentials(
            URI tokenUri,
            String clientId,
            Secret clientSecret,
            @Nullable String scope) implements HttpAuthentication {

        public OAuth2ClientCredentials {
            Objects.requireNonNull(tokenUri, "tokenUri");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            if (!"https".equalsIgnoreCase(tokenUri.getScheme()) && !"http".equalsIgnoreCase(tokenUri.getScheme())) {
                throw new IllegalArgumentException("OAuth2 token URI must be http(s), got " + tokenUri);
            }
        }

        @Override
        public Authorizer createAuthorizer(CloseableHttpAsyncClient client, Clock clock) {
            return new OAuth2ClientCredentialsAuthorizer(this, client, clock);
        }
    }

    /** Authorizer of credentials that never change. */
    final class FixedAuthorizer implements Authorizer {
        private final CompletableFuture<Optional<String>> authorization;

        FixedAuthorizer(Optional<String> authorization) {
            this.authorization = CompletableFuture.completedFuture(authorization);
        }

        @Override
        public CompletableFuture<Optional<String>> authorization() {
            return authorization;
        }

        @Override
        public void invalidate() {
            // A fixed credential cannot be refreshed; the 401 is counted and retried with backoff.
        }
    }
}
