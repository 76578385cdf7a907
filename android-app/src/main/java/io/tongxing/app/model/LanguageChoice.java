package io.tongxing.app.model;

import io.tongxing.app.text.AppLanguage;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** The main screen's language button: the language in use, and the three to choose from. */
public final class LanguageChoice extends ScreenModel<LanguageChoice.State> {
    private static final Text[] NAMES = {Text.LANGUAGE_SYSTEM, Text.LANGUAGE_CHINESE, Text.LANGUAGE_ENGLISH};

    /**
     * @param button "语言：跟随手机": the button's words, which are also the chooser's title
     * @param options the languages in {@link AppLanguage} order, in the words of the language in use
     */
    public record State(String button, List<String> options, AppLanguage chosen) {
        public State {
            options = Collections.unmodifiableList(new ArrayList<>(options));
        }
    }

    private final Consumer<AppLanguage> apply;

    /** {@code apply} makes the app speak the chosen language (and keeps the choice). */
    public LanguageChoice(AppLanguage current, Localizer words, Consumer<AppLanguage> apply) {
        super(state(current, words));
        this.apply = Objects.requireNonNull(apply, "apply");
    }

    public void choose(AppLanguage language) {
        apply.accept(language);
    }

    private static State state(AppLanguage current, Localizer words) {
        List<String> options = new ArrayList<>();
        for (Text name : NAMES) {
            options.add(words.text(name));
        }
        return new State(words.text(Text.MAIN_LANGUAGE, options.get(current.ordinal())), options, current);
    }
}
