package health.backline.starter.apidocs;

import java.util.List;

/** A feature's part of its service's API docs: one bean per feature, each operation's {@link OperationDocs}. */
public record ApiDocs(List<OperationDocs> operations) {

    public static ApiDocs of(OperationDocs... operations) {
        return new ApiDocs(List.of(operations));
    }
}
