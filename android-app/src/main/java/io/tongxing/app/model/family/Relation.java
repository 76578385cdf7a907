package io.tongxing.app.model.family;

import io.tongxing.app.text.Text;
import java.util.Optional;

/** What the family member is to the person who looks after them (the API's {@code Relation}). */
public enum Relation {
    PARENT(Text.RELATION_PARENT),
    CHILD(Text.RELATION_CHILD),
    SPOUSE(Text.RELATION_SPOUSE),
    GRANDPARENT(Text.RELATION_GRANDPARENT),
    GRANDCHILD(Text.RELATION_GRANDCHILD),
    SIBLING(Text.RELATION_SIBLING),
    OTHER(Text.RELATION_OTHER);

    private final Text label;

    Relation(Text label) {
        this.label = label;
    }

    /** The member's relation in words ("母亲或父亲" / "Parent"). */
    public Text label() {
        return label;
    }

    public static Optional<Relation> of(String name) {
        for (Relation relation : values()) {
            if (relation.name().equals(name)) {
                return Optional.of(relation);
            }
        }
        return Optional.empty();
    }
}
