package org.velibstream.tools.stationtable;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The generators' command lines: every option is required and takes a path. */
final class Options {

    private Options() {}

    /** @throws IllegalArgumentException on an unknown option, a missing value or a missing option */
    static Map<String, Path> parse(String[] args, List<String> names) {
        Map<String, Path> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!names.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + args[i]);
            }
            options.put(args[i], Path.of(args[i + 1]));
        }
        for (String name : names) {
            if (!options.containsKey(name)) {
                throw new IllegalArgumentException("missing option " + name);
            }
        }
        return options;
    }
}
