package health.backline.testsupport.apidocs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The endpoint list, {@code docs/contract/endpoints.txt}, found from the module a test runs in. */
final class ContractEndpoints {

    static final Path LIST = Path.of("docs", "contract", "endpoints.txt");

    private ContractEndpoints() {
    }

    static List<ContractEndpoint> read() {
        return parse(read(inRepository()));
    }

    static List<ContractEndpoint> parse(List<String> lines) {
        return lines.stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(ContractEndpoint::parse)
                .toList();
    }

    /** Tests run in their module's folder (services/intake, system-tests); the list is at the repository's root. */
    private static Path inRepository() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve(LIST))) {
                return folder.resolve(LIST);
            }
        }
        throw new IllegalStateException(LIST + " not found above " + Path.of("").toAbsolutePath());
    }

    private static List<String> read(Path list) {
        try {
            return Files.readAllLines(list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
