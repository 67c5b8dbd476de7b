package org.spean.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import inet.ipaddr.IPAddressString;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Starts Neo4j Community embedded, with only Bolt open and only on loopback.
 *
 * <p>Arguments are {@code key=value} pairs: home, port, pagecache (MiB), txTimeoutSeconds,
 * txMaxMiB, and optionally plugins (a folder of procedure jars: Graph Data Science, from the gds
 * profile of pom.xml; without it no plugin is loaded). Prints one line
 * {@code SPEAN_NEO4J_READY <bolt uri>} once Bolt accepts connections.
 * It stops cleanly on SIGTERM/SIGINT and, because the Node process that starts it holds its
 * stdin, also when that process goes away (stdin reaches end of file) - so a crashed test run
 * never leaves a database behind.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options = parse(args);
        Path home = Path.of(options.getOrDefault("home", ".neo4j/dev")).toAbsolutePath();
        int port = Integer.parseInt(options.getOrDefault("port", "7687"));
        long pageCacheMiB = Long.parseLong(options.getOrDefault("pagecache", "512"));
        long txTimeoutSeconds = Long.parseLong(options.getOrDefault("txTimeoutSeconds", "30"));
        long txMaxMiB = Long.parseLong(options.getOrDefault("txMaxMiB", "512"));
        String plugins = options.get("plugins");

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        if (plugins != null) {
            // Embedded Neo4j registers procedures only from this folder; extensions come from the classpath.
            builder.setConfig(GraphDatabaseSettings.plugin_dir, Path.of(plugins).toAbsolutePath())
                    // gds.util.asNode (reading scores back by node) is sandboxed otherwise.
                    .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*"));
        }
        DatabaseManagementService dbms = builder
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                // Loopback only and no other user on the socket: authentication stays off here.
                // A shared or remote server is configured through NEO4J_URI instead.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMiB))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeoutSeconds))
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, ByteUnit.mebiBytes(txMaxMiB))
                // LOAD CSV may read neither the server's files nor any URL.
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseInternalSettings.cypher_ip_blocklist,
                        List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
                .build();

        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));
        System.out.println("SPEAN_NEO4J_READY bolt://127.0.0.1:" + port);
        System.out.flush();
        exitWhenStdinCloses();
    }

    private static void exitWhenStdinCloses() throws IOException {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // Input is ignored; only its end matters.
        }
        System.exit(0);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got: " + arg);
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return options;
    }
}
