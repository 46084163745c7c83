package parley.neo4jserver;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Main starts a throwaway Neo4j Community for tests and runs until killed.
 *
 * <p>Bolt listens on 127.0.0.1 only, on the port given as the first argument
 * (or the NEO4J_TEST_PORT environment variable); 0 or nothing picks a free
 * port. Authentication is disabled: the server is for local tests only and
 * is reachable from this machine only. The data lives in a temporary
 * directory, deleted on shutdown. When Bolt is ready, Main prints one line
 * {@code NEO4J_URI=bolt://127.0.0.1:PORT} on standard output.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        int port = 0;
        String p = args.length > 0 ? args[0] : System.getenv("NEO4J_TEST_PORT");
        if (p != null && !p.isBlank()) {
            port = Integer.parseInt(p.trim());
        }
        Path home = Files.createTempDirectory("parley-neo4j-");
        // For scripts/neo4j-test, which deletes it if the JVM dies too hard
        // to run its shutdown hook.
        System.out.println("NEO4J_HOME=" + home);
        System.out.flush();

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(128))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dbms.shutdown();
            } finally {
                deleteTree(home);
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        ConnectorPortRegister ports = ((GraphDatabaseAPI) db).getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class);
        var bolt = ports.getLocalAddress(ConnectorType.BOLT);
        System.out.println("NEO4J_URI=bolt://127.0.0.1:" + bolt.getPort());
        System.out.flush();
        stopped.await();
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.deleteIfExists(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("neo4j-server: cannot delete " + root + ": " + e);
        }
    }
}
