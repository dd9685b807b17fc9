package org.velibstream.gbfs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Hostile variants of valid GBFS payloads, for property tests of every decoder: each generated payload is a seed
 * (a test fixture, or a real recording read at test time) with one to three {@link Mutation mutations} applied, drawn
 * from a seeded {@link Random} so that jqwik can replay and shrink a failure.
 */
public final class HostilePayloads {

    /** The real recordings, read at test time and never copied into the project. */
    public static final Path SHARED_SNAPSHOTS = Path.of("..", "..", "shared", "data", "gbfs_snapshots");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Reads what the mutations themselves produce (deep values, long strings) without Jackson's defaults biting. */
    private static final ObjectMapper LENIENT = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(500)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(100_000)
                    .build())
            .build());

    private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static final Pattern NUMBER_VALUE = Pattern.compile(":\\s*(-?\\d+(\\.\\d+)?)");

    private static final String DEEP_MARKER = "@@deep-nesting@@";

    private HostilePayloads() {}

    /** Test fixtures under {@code src/test/resources/gbfs} of the source-connectors module. */
    public static List<byte[]> fixtures(String... names) {
        return Arrays.stream(names).map(Fixtures::fixture).toList();
    }

    /** A real recording below {@link #SHARED_SNAPSHOTS}; empty when the shared data is absent. */
    public static Optional<byte[]> sharedSnapshot(String directory, String file) {
        Path path = SHARED_SNAPSHOTS.resolve(directory).resolve(file);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Small documents cut from a real station feed at test time: its header with a random handful of its entries,
     * so that mutations of real entries stay cheap.
     */
    public static Arbitrary<byte[]> excerptsOf(byte[] document) {
        JsonNode root = read(document).orElseThrow(() -> new IllegalArgumentException("the document is not JSON"));
        ArrayNode stations = (ArrayNode) root.path("data").path("stations");
        return Arbitraries.longs().map(salt -> {
            Random random = new Random(salt);
            ObjectNode excerpt = root.deepCopy();
            ArrayNode picked = ((ObjectNode) excerpt.get("data")).putArray("stations");
            int count = 1 + random.nextInt(8);
            for (int i = 0; i < count && !stations.isEmpty(); i++) {
                picked.add(stations.get(random.nextInt(stations.size())).deepCopy());
            }
            return write(excerpt);
        });
    }

    /**
     * How many entries a payload holds, by Jackson's tree model with duplicate fields refused: the station count of
     * a document's {@code data.stations}, 1 for anything else that is JSON. Empty when the payload is not JSON or has
     * duplicate fields, whose meaning the tree model cannot tell.
     */
    /**
     * True when the payload is JSON whose {@code data.stations} is an empty array. A key given twice counts as its
     * last value, as the decoders read it: unlike {@link #entryCount}, this answers for such payloads too.
     */
    public static boolean listsNoEntries(byte[] payload) {
        try {
            JsonNode stations = LENIENT.readTree(payload).path("data").path("stations");
            return stations.isArray() && stations.isEmpty();
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return false;
        }
    }

    public static OptionalInt entryCount(byte[] payload) {
        JsonNode root;
        try {
            root = STRICT.readTree(payload);
        } catch (IOException | StackOverflowError e) {
            return OptionalInt.empty();
        }
        if (root == null || root.isMissingNode()) {
            return OptionalInt.empty();
        }
        JsonNode stations = root.path("data").path("stations");
        return OptionalInt.of(stations.isArray() ? stations.size() : 1);
    }

    /** The seeds, each mutated one to three times. */
    public static Arbitrary<byte[]> mutationsOf(List<byte[]> seeds) {
        return mutationsOf(Arbitraries.of(seeds));
    }

    public static Arbitrary<byte[]> mutationsOf(Arbitrary<byte[]> seeds) {
        return Combinators.combine(seeds, mutations().list().ofMinSize(1).ofMaxSize(3), Arbitraries.longs())
                .as((seed, mutations, salt) -> {
                    Random random = new Random(salt);
                    byte[] payload = seed;
                    for (Mutation mutation : mutations) {
                        payload = mutation.apply(payload, random);
                    }
                    return payload;
                });
    }

    /**
     * Mutations drawn with those that keep the payload JSON four times as likely as the others: most of the others
     * make a payload that is refused as a whole, and the entry-level checks deserve as many payloads.
     */
    private static Arbitrary<Mutation> mutations() {
        List<Tuple.Tuple2<Integer, Mutation>> weighted = new ArrayList<>();
        for (Mutation mutation : Mutation.values()) {
            weighted.add(Tuple.of(mutation.keepsJson ? 4 : 1, mutation));
        }
        return Arbitraries.frequency(weighted);
    }

    /** The ways a payload is damaged; tree mutations fall back to a byte flip once the payload is no longer JSON. */
    public enum Mutation {
        TRUNCATE_ANYWHERE(
                false, (payload, random) -> Arrays.copyOf(payload, random.nextInt(Math.max(1, payload.length)))),
        TRUNCATE_AT_STRUCTURE(false, HostilePayloads::truncateAtStructure),
        FLIP_BYTE(false, HostilePayloads::flipByte),
        INVALID_UTF8(false, HostilePayloads::insertInvalidUtf8),
        BYTE_ORDER_MARK(true, (payload, random) -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, payload)),
        EMPTY(false, (payload, random) -> new byte[0]),
        WHITESPACE_ONLY(false, (payload, random) -> " \n\t\r ".getBytes(StandardCharsets.UTF_8)),
        TOP_LEVEL_ARRAY(false, (payload, random) -> concat(concat(new byte[] {'['}, payload), new byte[] {']'})),
        NAN_TEXT(false, HostilePayloads::nanText),
        DELETE_FIELD(true, tree((object, field, random) -> object.remove(field))),
        DUPLICATE_FIELD(true, HostilePayloads::duplicateField),
        SWAP_FIELDS(true, tree((object, field, random) -> {
            List<String> names = fieldNames(object);
            String other = names.get(random.nextInt(names.size()));
            JsonNode value = object.get(field);
            object.set(field, object.get(other));
            object.set(other, value);
        })),
        WRONG_TYPE(true, tree((object, field, random) -> object.set(field, hostileValue(object.get(field), random)))),
        HUGE_STRING(true, tree((object, field, random) -> object.put(field, hugeString(random)))),
        DEEP_NESTING(false, HostilePayloads::deepNesting);

        private final boolean keepsJson;
        private final BiFunction<byte[], Random, byte[]> mutation;

        Mutation(boolean keepsJson, BiFunction<byte[], Random, byte[]> mutation) {
            this.keepsJson = keepsJson;
            this.mutation = mutation;
        }

        byte[] apply(byte[] payload, Random random) {
            return mutation.apply(payload, random);
        }
    }

    /** Values of every wrong kind: wrong types, out-of-range numbers, blanks. */
    private static JsonNode hostileValue(@Nullable JsonNode current, Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> NODES.textNode(current == null ? "12" : current.asText());
            case 1 -> NODES.objectNode();
            case 2 -> NODES.arrayNode();
            case 3 -> NODES.nullNode();
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.numberNode(new BigInteger("1" + "0".repeat(18 + random.nextInt(60))));
            case 6 -> NODES.numberNode(new BigDecimal("1e" + (300 + random.nextInt(200))));
            case 7 -> NODES.numberNode(-1 - random.nextInt(1000));
            case 8 -> NODES.numberNode(Integer.MIN_VALUE);
            case 9 -> NODES.numberNode(Long.MAX_VALUE);
            case 10 -> NODES.numberNode(10_001 + random.nextInt(1_000_000));
            case 11 -> NODES.numberNode(random.nextDouble() * 1000 - 500);
            case 12 ->
                NODES.textNode(
                        List.of("NaN", "Infinity", "-Infinity", "1e999", "0x10").get(random.nextInt(5)));
            case 13 -> NODES.textNode(random.nextBoolean() ? "" : "   ");
            case 14 ->
                NODES.textNode(List.of("1969-12-31T23:59:59Z", "9999-12-31T23:59:59Z", "yesterday")
                        .get(random.nextInt(3)));
            default -> NODES.numberNode(random.nextBoolean() ? 0L : 253_402_300_800L + random.nextInt(1000));
        };
    }

    /** Just over each limit the decoders enforce, and far beyond Jackson's. */
    private static String hugeString(Random random) {
        int[] lengths = {
            DecoderLimits.DEFAULT_MAX_ID_CHARS + 1, DecoderLimits.DEFAULT_MAX_NAME_CHARS + 1, 70_000, 1_000_001
        };
        return "x".repeat(lengths[random.nextInt(lengths.length)]);
    }

    private static byte[] truncateAtStructure(byte[] payload, Random random) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < payload.length; i++) {
            if ("{}[],:\"-.0123456789".indexOf(payload[i]) >= 0) {
                positions.add(i);
            }
        }
        if (positions.isEmpty()) {
            return flipByte(payload, random);
        }
        int at = positions.get(random.nextInt(positions.size())) + (random.nextBoolean() ? 1 : 0);
        return Arrays.copyOf(payload, at);
    }

    private static byte[] flipByte(byte[] payload, Random random) {
        if (payload.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        byte[] flipped = payload.clone();
        int at = random.nextInt(flipped.length);
        flipped[at] =
                random.nextBoolean() ? (byte) (flipped[at] ^ (1 << random.nextInt(8))) : (byte) random.nextInt(256);
        return flipped;
    }

    private static byte[] insertInvalidUtf8(byte[] payload, Random random) {
        byte[][] invalid = {
            {(byte) 0xFF},
            {(byte) 0xC3, (byte) 0x28},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}
        };
        List<Integer> stringStarts = new ArrayList<>();
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == '"') {
                stringStarts.add(i + 1);
            }
        }
        int at = stringStarts.isEmpty()
                ? random.nextInt(payload.length + 1)
                : stringStarts.get(random.nextInt(stringStarts.size()));
        byte[] bytes = invalid[random.nextInt(invalid.length)];
        return concat(concat(Arrays.copyOf(payload, at), bytes), Arrays.copyOfRange(payload, at, payload.length));
    }

    private static byte[] nanText(byte[] payload, Random random) {
        String text = new String(payload, StandardCharsets.UTF_8);
        List<int[]> numbers = new ArrayList<>();
        Matcher matcher = NUMBER_VALUE.matcher(text);
        while (matcher.find()) {
            numbers.add(new int[] {matcher.start(1), matcher.end(1)});
        }
        if (numbers.isEmpty()) {
            return flipByte(payload, random);
        }
        int[] number = numbers.get(random.nextInt(numbers.size()));
        String replacement =
                List.of("NaN", "Infinity", "-Infinity", "+1", "01", "1.", ".5").get(random.nextInt(7));
        String mutated = text.substring(0, number[0]) + replacement + text.substring(number[1]);
        return mutated.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] deepNesting(byte[] payload, Random random) {
        int depth = new int[] {63, 65, 1_000, 100_000}[random.nextInt(4)];
        boolean arrays = random.nextBoolean();
        String deep = (arrays ? "[" : "{\"a\":").repeat(depth) + "1" + (arrays ? "]" : "}").repeat(depth);
        byte[] marked =
                tree((object, field, r) -> object.put(field, DEEP_MARKER)).apply(payload, random);
        String text = new String(marked, StandardCharsets.UTF_8);
        if (!text.contains(DEEP_MARKER)) {
            return marked;
        }
        return text.replace('"' + DEEP_MARKER + '"', deep).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the tree with one field of one object written twice, the second time often with a hostile value. */
    private static byte[] duplicateField(byte[] payload, Random random) {
        return atRandomField(payload, random, (root, object, field) -> {
            JsonNode second = random.nextBoolean() ? object.get(field) : hostileValue(object.get(field), random);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator generator = LENIENT.createGenerator(out)) {
                writeDuplicating(generator, root, object, field, second);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        });
    }

    private static void writeDuplicating(
            JsonGenerator generator, JsonNode node, ObjectNode target, String field, JsonNode second)
            throws IOException {
        if (node.isObject()) {
            generator.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                generator.writeFieldName(entry.getKey());
                writeDuplicating(generator, entry.getValue(), target, field, second);
            }
            if (node == target) {
                generator.writeFieldName(field);
                LENIENT.writeTree(generator, second);
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (JsonNode element : node) {
                writeDuplicating(generator, element, target, field, second);
            }
            generator.writeEndArray();
        } else {
            LENIENT.writeTree(generator, node);
        }
    }

    @FunctionalInterface
    private interface FieldEdit {
        void edit(ObjectNode object, String field, Random random);
    }

    /** A mutation of one field of a random object of the payload's tree. */
    private static BiFunction<byte[], Random, byte[]> tree(FieldEdit edit) {
        return (payload, random) -> atRandomField(payload, random, (root, object, field) -> {
            edit.edit(object, field, random);
            return write(root);
        });
    }

    @FunctionalInterface
    private interface FieldMutation {
        byte[] mutate(JsonNode root, ObjectNode object, String field);
    }

    /** Applies {@code mutation} to a random field of a random object; flips a byte when the payload is not JSON. */
    private static byte[] atRandomField(byte[] payload, Random random, FieldMutation mutation) {
        Optional<JsonNode> root = read(payload);
        Optional<ObjectNode> target = root.flatMap(tree -> pickObject(tree, random));
        if (target.isEmpty()) {
            return flipByte(payload, random);
        }
        List<String> names = fieldNames(target.get());
        return mutation.mutate(root.get(), target.get(), names.get(random.nextInt(names.size())));
    }

    /** A random non-empty object of the tree, entries being by far the most frequent. */
    private static Optional<ObjectNode> pickObject(JsonNode root, Random random) {
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(root, objects);
        return objects.isEmpty() ? Optional.empty() : Optional.of(objects.get(random.nextInt(objects.size())));
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object && !object.isEmpty()) {
            objects.add(object);
        }
        if (node.isContainerNode() && objects.size() < 10_000) {
            node.forEach(child -> collectObjects(child, objects));
        }
    }

    private static List<String> fieldNames(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Optional<JsonNode> read(byte[] payload) {
        try {
            JsonNode root = LENIENT.readTree(payload);
            return root == null || root.isMissingNode() ? Optional.empty() : Optional.of(root);
        } catch (IOException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    private static byte[] write(JsonNode root) {
        try {
            return LENIENT.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
