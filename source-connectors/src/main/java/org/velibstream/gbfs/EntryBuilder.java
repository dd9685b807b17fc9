package org.velibstream.gbfs;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Collects the fields of one feed entry as the parser streams them. A fresh builder serves each entry.
 *
 * @param <T> the decoded entry type
 */
interface EntryBuilder<T> {

    /**
     * Reads the value of field {@code name}, on which the parser stands, consuming all of it (unknown objects and
     * arrays included).
     */
    void field(String name, JsonParser parser) throws IOException, InvalidValueException;

    /** The entry, once every field is read; fails when a required field is missing. */
    T build() throws InvalidValueException;
}
