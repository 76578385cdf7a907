package io.tongxing.server.colour;

import io.tongxing.server.rules.ColourDecision;

import java.util.Optional;

/** The result of recomputing one person's colour: the decision, and the change if the colour changed. */
public record ColourOutcome(ColourDecision decision, Optional<ColourChange> change) {
}
