package org.velibstream.gbfs;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * A decoded {@code gbfs.json}: the system's feeds by name.
 *
 * <p>GBFS 1.x/2.x list feeds per language ({@code data.<language>.feeds[]}); GBFS 3.0 lists them once
 * ({@code data.feeds[]}). The document is a few hundred bytes, so it is read as a tree.
 *
 * @param header the document-level fields
 * @param language the language whose feeds were taken (GBFS 1.x/2.x); null for GBFS 3.0
 * @param feeds feed name ({@code station_status}, …) → URL, in document order
 * @param rejected feed entries without a name or with a URL that is not absolute
 */
public record GbfsDiscovery(
        GbfsFeedHeader header, @Nullable String language, Map<String, URI> feeds, List<Rejection> rejected) {

    public GbfsDiscovery {
        Objects.requireNonNull(header, "header");
        feeds = Collections.unmodifiableMap(new LinkedHashMap<>(feeds));
        rejected = List.copyOf(rejected);
    }

    public Optional<URI> feed(String name) {
        return Optional.ofNullable(feeds.get(name));
    }

    /**
     * Decodes a {@code gbfs.json} document.
     *
     * @param preferredLanguage the language to take in a GBFS 1.x/2.x document; when null or absent, the first one
     * @throws GbfsDecodingException if the payload is not JSON or lists no feeds
     */
    public static GbfsDiscovery decode(byte[] document, @Nullable String preferredLanguage)
            throws GbfsDecodingException {
        SmallDocument read = SmallDocument.read(document, "discovery");
        GbfsFeedHeader header = read.header();
        JsonNode data = read.data();
        if (data.path("feeds").isArray()) {
            return collect(header, null, data.get("feeds"));
        }
        String language = chooseLanguage(data, preferredLanguage);
        return collect(header, language, data.get(language).get("feeds"));
    }

    private static String chooseLanguage(JsonNode data, @Nullable String preferredLanguage)
            throws GbfsDecodingException {
        if (preferredLanguage != null
                && data.path(preferredLanguage).path("feeds").isArray()) {
            return preferredLanguage;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> language = it.next();
            if (language.getValue().path("feeds").isArray()) {
                return language.getKey();
            }
        }
        throw new GbfsDecodingException("not a GBFS discovery document: no data.feeds nor data.<language>.feeds");
    }

    private static GbfsDiscovery collect(GbfsFeedHeader header, @Nullable String language, JsonNode feedArray) {
        Map<String, URI> feeds = new LinkedHashMap<>();
        List<Rejection> rejected = new ArrayList<>();
        for (JsonNode feed : feedArray) {
            String name = feed.path("name").asText("");
            String url = feed.path("url").asText("");
            if (name.isEmpty() || url.isEmpty()) {
                rejected.add(new Rejection("feed without name or url", feed.toString()));
                continue;
            }
            try {
                URI uri = new URI(url);
                if (!uri.isAbsolute()) {
                    rejected.add(new Rejection("feed url is not absolute", feed.toString()));
                    continue;
                }
                feeds.putIfAbsent(name, uri);
            } catch (URISyntaxException e) {
                rejected.add(new Rejection("feed url is not a URI: " + e.getReason(), feed.toString()));
            }
        }
        return new GbfsDiscovery(header, language, feeds, rejected);
    }
}
