package org.velibstream.job.settings;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * One entry of {@code --areas}: a GeoJSON file of polygons, for every system ({@code FILE}) or for one
 * ({@code systemId=FILE}).
 *
 * @param systemId the system the polygons apply to; null for every system
 * @param path the GeoJSON file, read on the client when the job is built
 */
public record AreaFile(@Nullable String systemId, String path) implements Serializable {

    private static final Pattern FOR_ONE_SYSTEM = Pattern.compile("([A-Za-z0-9_.-]+)=(.*)");

    public AreaFile {
        Objects.requireNonNull(path, "path");
    }

    /**
     * The entries of {@code --areas}, in order.
     *
     * @throws IllegalArgumentException when an entry names no file
     */
    public static List<AreaFile> parse(List<String> entries) {
        List<AreaFile> files = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            Matcher forOneSystem = FOR_ONE_SYSTEM.matcher(entry);
            AreaFile file = forOneSystem.matches()
                    ? new AreaFile(forOneSystem.group(1), forOneSystem.group(2).strip())
                    : new AreaFile(null, entry);
            if (file.path().isEmpty()) {
                throw new IllegalArgumentException(
                        "Bad entry '" + raw + "' of --areas: expected FILE or systemId=FILE, separated by ';'");
            }
            files.add(file);
        }
        return List.copyOf(files);
    }
}
