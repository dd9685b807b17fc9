package org.velibstream.source.http.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.annotation.Nullable;
import javax.annotation.concurrent.GuardedBy;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;

/**
 * Caches the access token of an OAuth2 client-credentials grant and fetches a new one before the cached one expires
 * or after a server rejected it. At most one token request is in flight at a time; polls that need a token while it
 * runs wait for the same result.
 */
final class OAuth2ClientCredentialsAuthorizer implements Authorizer {

    /** Used when the token response has no {@code expires_in}: refresh often rather than use a dead token. */
    static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(5);

    /** Refresh this long before expiry (at most half the lifetime), so no poll is sent with a token about to die. */
    static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpAuthentication.OAuth2ClientCredentials credentials;
    private final CloseableHttpAsyncClient client;
    private final Clock clock;

    @GuardedBy("this")
    @Nullable
    private AccessToken token;

    @GuardedBy("this")
    @Nullable
    private CompletableFuture<Optional<String>> pendingRequest;

    OAuth2ClientCredentialsAuthorizer(
            HttpAuthentication.OAuth2ClientCredentials credentials, CloseableHttpAsyncClient client, Clock clock) {
        this.credentials = credentials;
        this.client = client;
        this.clock = clock;
    }

    @Override
    public synchronized CompletableFuture<Optional<String>> authorization() {
        Instant now = clock.instant();
        if (token != null && now.isBefore(token.refreshAt())) {
            return CompletableFuture.completedFuture(Optional.of(token.headerValue()));
        }
        CompletableFuture<Optional<String>> refresh = refresh();
        if (token != null && now.isBefore(token.expiresAt())) {
            // Still valid: keep using it while the new one is fetched in the background.
            return CompletableFuture.completedFuture(Optional.of(token.headerValue()));
        }
        return refresh;
    }

    @Override
    public synchronized void invalidate() {
        token = null;
    }

    @GuardedBy("this")
    private CompletableFuture<Optional<String>> refresh() {
        if (pendingRequest != null) {
            return pendingRequest;
        }
        CompletableFuture<Optional<String>> request = requestToken();
        pendingRequest = request;
        // May run at once, on this thread, if the request already failed; hence the local is returned, not the field.
        request.whenComplete((header, failure) -> {
            synchronized (this) {
                if (pendingRequest == request) {
                    pendingRequest = null;
                }
            }
        });
        return request;
    }

    private CompletableFuture<Optional<String>> requestToken() {
        String form = "grant_type=client_credentials"
                + (credentials.scope() == null ? "" : "&scope=" + urlEncode(credentials.scope()));
        String basic = Base64.getEncoder()
                .encodeToString((urlEncode(credentials.clientId()) + ":"
                                + urlEncode(credentials.clientSecret().value()))
                        .getBytes(StandardCharsets.UTF_8));
        SimpleHttpRequest request = SimpleRequestBuilder.post(credentials.tokenUri())
                .setHeader(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                .setHeader(HttpHeaders.ACCEPT, "application/json")
                .setBody(form, ContentType.APPLICATION_FORM_URLENCODED)
                .build();
        Instant requestedAt = clock.instant();
        CompletableFuture<Optional<String>> result = new CompletableFuture<>();
        client.execute(
                SimpleRequestProducer.create(request),
                SimpleResponseConsumer.create(),
                new FutureCallback<SimpleHttpResponse>() {
                    @Override
                    public void completed(SimpleHttpResponse response) {
                        try {
                            AccessToken accessToken = parse(response, requestedAt);
                            synchronized (OAuth2ClientCredentialsAuthorizer.this) {
                                token = accessToken;
                            }
                            result.complete(Optional.of(accessToken.headerValue()));
                        } catch (IOException e) {
                            result.completeExceptionally(e);
                        }
                    }

                    @Override
                    public void failed(Exception e) {
                        result.completeExceptionally(new AuthenticationException(
                                "OAuth2 token request to " + credentials.tokenUri() + " failed: " + e, e));
                    }

                    @Override
                    public void cancelled() {
                        result.completeExceptionally(new AuthenticationException(
                                "OAuth2 token request to " + credentials.tokenUri() + " was cancelled", null));
                    }
                });
        return result;
    }

    private AccessToken parse(SimpleHttpResponse response, Instant requestedAt) throws AuthenticationException {
        if (response.getCode() != 200) {
            // The body may echo the request; it is not logged.
            throw new AuthenticationException(
                    "OAuth2 token endpoint " + credentials.tokenUri() + " answered HTTP " + response.getCode(), null);
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.getBodyBytes());
        } catch (IOException e) {
            throw new AuthenticationException(
                    "OAuth2 token endpoint " + credentials.tokenUri() + " answered with a body that is not JSON", e);
        }
        JsonNode accessToken = json == null ? null : json.get("access_token");
        if (accessToken == null
                || !accessToken.isTextual()
                || accessToken.asText().isEmpty()) {
            throw new AuthenticationException(
                    "OAuth2 token endpoint " + credentials.tokenUri() + " answered without an access_token", null);
        }
        JsonNode expiresIn = json.get("expires_in");
        Duration lifetime = expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
                ? Duration.ofSeconds(expiresIn.asLong())
                : DEFAULT_TOKEN_LIFETIME;
        Duration margin = REFRESH_MARGIN.compareTo(lifetime.dividedBy(2)) < 0 ? REFRESH_MARGIN : lifetime.dividedBy(2);
        // Measured from the request, not the response, so a slow token endpoint cannot make us overrun expiry.
        Instant expiresAt = requestedAt.plus(lifetime);
        return new AccessToken(new Secret(accessToken.asText()), expiresAt, expiresAt.minus(margin));
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record AccessToken(Secret value, Instant expiresAt, Instant refreshAt) {
        String headerValue() {
            return "Bearer " + value.value();
        }
    }
}
