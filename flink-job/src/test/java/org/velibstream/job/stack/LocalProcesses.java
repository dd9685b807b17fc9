package org.velibstream.job.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What runs on this Linux machine, read from {@code /proc}: the processes that belong to a work folder (its path in
 * their command line or their environment, as every process a bin/ script starts with {@code VELIB_WORK} has) and the
 * TCP ports they listen on. Processes of other users, or that end while being read, are skipped.
 */
final class LocalProcesses {

    private static final Path PROC = Path.of("/proc");

    /** One process: its id and its command line, arguments separated by spaces. */
    record LocalProcess(long pid, String commandLine) {

        @Override
        public String toString() {
            return pid + " " + (commandLine.length() > 200 ? commandLine.substring(0, 200) + "..." : commandLine);
        }
    }

    private LocalProcesses() {}

    static boolean readable() {
        return Files.isReadable(PROC.resolve("self/cmdline")) && Files.isReadable(PROC.resolve("net/tcp"));
    }

    /** The processes, other than this one, whose command line or environment holds {@code folder}'s path. */
    static List<LocalProcess> using(Path folder) {
        String path = folder.toAbsolutePath().toString();
        long self = ProcessHandle.current().pid();
        List<LocalProcess> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(process -> {
            if (process.pid() == self) {
                return;
            }
            String commandLine = read(process.pid(), "cmdline");
            String environment = read(process.pid(), "environ");
            if (commandLine.contains(path) || environment.contains(path)) {
                found.add(new LocalProcess(process.pid(), commandLine));
            }
        });
        return found;
    }

    /** The TCP ports (IPv4 and IPv6) that the process {@code pid} listens on. */
    static Set<Integer> listeningPorts(long pid) {
        Set<String> sockets = socketInodes(pid);
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            for (String line : lines(PROC.resolve(table))) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && fields[3].equals("0A") && sockets.contains(fields[9])) {
                    String local = fields[1];
                    ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    /** Whether something accepts connections on 127.0.0.1:{@code port}. */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new TreeSet<>();
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(PROC.resolve(pid + "/fd"))) {
            for (Path descriptor : descriptors) {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            // ended meanwhile, or not ours
        }
        return inodes;
    }

    private static String read(long pid, String file) {
        try {
            return new String(Files.readAllBytes(PROC.resolve(pid + "/" + file)), StandardCharsets.UTF_8)
                    .replace('\0', ' ')
                    .trim();
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
