package org.ecoplan.progress.idempotency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;

import org.ecoplan.web.problem.Problem;
import org.ecoplan.web.problem.ProblemException;
import org.ecoplan.web.problem.ProblemType;

/**
 * A phone's offline queue filed in one call ({@code POST …/batch}), the same way for progress reports and for daily
 * episode responses: each item is its own idempotent request whose {@code clientReference} is its key, validated
 * and filed in a transaction of its own, so re-sending the batch after a lost answer files nothing twice; a refused
 * item answers its problem, every field named inside the batch ({@code items[2].report.percentComplete}), and
 * leaves the others alone.
 */
@ApplicationScoped
public class OfflineBatch {

    /** The resource's part: how an item is read, checked beyond its constraints, and filed. */
    public record Items<I, B>(String bodyField, Function<I, String> reference, Function<I, B> body, Consumer<B> check,
            Function<B, Response> file) {
    }

    /** One item's answer, in the resource's own result record. */
    @FunctionalInterface
    public interface ItemResult<R> {
        R of(String clientReference, int status, Boolean replayed, String body, Problem problem);
    }

    private final IdempotentRequests idempotency;
    private final Validator validator;

    OfflineBatch(IdempotentRequests idempotency, Validator validator) {
        this.idempotency = idempotency;
        this.validator = validator;
    }

    /**
     * Files every item in order.
     *
     * @param operation what a single filing is, the idempotency record's operation ({@code POST /reports})
     * @param batchPath the batch's own path, for the problems' {@code instance}
     */
    public <I, B, R> List<R> file(List<I> items, String operation, String batchPath, Items<I, B> how, ItemResult<R> result) {
        List<R> results = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            results.add(item(i, items.get(i), seen, operation, batchPath, how, result));
        }
        return results;
    }

    private <I, B, R> R item(int index, I item, Set<String> seen, String operation, String batchPath, Items<I, B> how,
            ItemResult<R> result) {
        String prefix = "items[" + index + "].";
        String reference = item == null ? null : how.reference().apply(item);
        try {
            if (item == null || reference == null || reference.isBlank()) {
                throw ProblemException.invalidField(prefix + "clientReference", "is required");
            }
            if (!seen.add(reference)) {
                throw ProblemException.invalidField(prefix + "clientReference", "appears twice in this batch");
            }
            B body = how.body().apply(item);
            if (body == null) {
                throw ProblemException.invalidField(prefix + how.bodyField(), "is required");
            }
            String bodyPrefix = prefix + how.bodyField() + ".";
            validate(bodyPrefix, body);
            IdempotentRequests.Outcome outcome;
            try {
                how.check().accept(body);
                outcome = idempotency.run(prefix + "clientReference", reference, operation, body, () -> how.file().apply(body));
            } catch (ProblemException problem) {
                throw prefixed(bodyPrefix, problem);
            }
            StoredResponse response = outcome.response();
            return result.of(reference, outcome.replayed() ? 200 : response.status(), outcome.replayed() ? Boolean.TRUE : null,
                    response.body(), null);
        } catch (ProblemException problem) {
            ProblemType type = problem.type();
            return result.of(reference, type.status(), null, null, new Problem(type.uri(), type.title(), type.status(),
                    problem.getMessage(), batchPath + "#" + prefix.substring(0, prefix.length() - 1), problem.errors()));
        }
    }

    private <B> void validate(String prefix, B body) {
        Set<ConstraintViolation<B>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            List<Problem.FieldProblem> errors = violations.stream()
                    .map(violation -> new Problem.FieldProblem(prefix + violation.getPropertyPath(), violation.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldProblem::field)).toList();
            throw new ProblemException(ProblemType.VALIDATION, errors.get(0).field() + ": " + errors.get(0).message(), errors);
        }
    }

    /** A field problem of an item's body names the field inside the batch; one that already does is kept. */
    private static ProblemException prefixed(String prefix, ProblemException problem) {
        if (problem.errors().isEmpty() || problem.errors().get(0).field().startsWith("items[")) {
            return problem;
        }
        return new ProblemException(problem.type(), problem.getMessage(), problem.errors().stream()
                .map(error -> new Problem.FieldProblem(prefix + error.field(), error.message())).toList());
    }
}
