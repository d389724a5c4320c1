package health.backline.testsupport.apidocs;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One line of {@code docs/contract/endpoints.txt}: an endpoint of a service, its query parameters, and whether it
 * is built yet ({@code notBuiltBecause} is null once it is).
 */
record ContractEndpoint(String service, String method, String path, Set<String> queryParameters,
                        String notBuiltBecause) {

    private static final String EVERY_SERVICE = "*";
    private static final String NOT_BUILT = "not-built:";

    static ContractEndpoint parse(String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("Not 'service METHOD path query status': " + line);
        }
        Set<String> query = fields[3].equals("-") ? Set.of() : Arrays.stream(fields[3].split(","))
                .map(name -> name.startsWith("+") ? name.substring(1) : name)
                .collect(Collectors.toCollection(TreeSet::new));
        String status = fields[4];
        if (!status.equals("contract") && !status.equals("addition") && !status.startsWith(NOT_BUILT)) {
            throw new IllegalArgumentException("Status is contract, addition or not-built:<why>: " + line);
        }
        return new ContractEndpoint(fields[0], fields[1], fields[2], query,
                status.startsWith(NOT_BUILT) ? status.substring(NOT_BUILT.length()) : null);
    }

    boolean of(String serviceName) {
        return service.equals(EVERY_SERVICE) || service.equals(serviceName);
    }

    boolean built() {
        return notBuiltBecause == null;
    }

    String operation() {
        return method + " " + path;
    }
}
