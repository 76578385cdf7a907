package io.tongxing.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.app.text.AppLanguage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The language button: what is in use, what can be chosen, and that choosing hands the choice on. */
class LanguageChoiceTest {

    @Test
    void theButtonNamesTheLanguageInUseAndTheChoicesAreInTheWordsShown() {
        List<AppLanguage> applied = new ArrayList<>();
        LanguageChoice choice = new LanguageChoice(AppLanguage.SYSTEM, XmlLocalizer.inChinese(), applied::add);

        assertEquals("语言：跟随手机", choice.state().button());
        assertEquals(List.of("跟随手机", "简体中文", "English（英语）"), choice.state().options());
        choice.choose(AppLanguage.ENGLISH);
        assertEquals(List.of(AppLanguage.ENGLISH), applied);

        assertEquals("Language: English", new LanguageChoice(AppLanguage.ENGLISH, XmlLocalizer.inEnglish(), applied::add)
                .state().button());
    }

    @Test
    void anUnknownStoredNameFallsBackToThePhonesLanguage() {
        assertEquals(AppLanguage.SYSTEM, AppLanguage.named("KLINGON"));
        assertEquals(AppLanguage.CHINESE, AppLanguage.named("CHINESE"));
    }
}
