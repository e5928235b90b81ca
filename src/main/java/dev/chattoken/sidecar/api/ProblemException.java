package dev.chattoken.sidecar.api;

import dev.chattoken.sidecar.http.Problem;

/** Ends a request with a problem answer. */
final class ProblemException extends RuntimeException {

    private final Problem problem;

    ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }
}
