package io.tongxing.app.model.resident;

import io.tongxing.app.text.Text;

/** The symptoms a daily check-in asks about (fever and respiratory symptoms turn a code yellow). */
public enum Symptom {
    FEVER(Text.SYMPTOM_FEVER),
    COUGH(Text.SYMPTOM_COUGH),
    SORE_THROAT(Text.SYMPTOM_SORE_THROAT),
    SHORT_OF_BREATH(Text.SYMPTOM_SHORT_OF_BREATH),
    FATIGUE(Text.SYMPTOM_FATIGUE),
    DIARRHOEA(Text.SYMPTOM_DIARRHOEA),
    LOSS_OF_TASTE_OR_SMELL(Text.SYMPTOM_LOSS_OF_TASTE_OR_SMELL);

    private final Text label;

    Symptom(Text label) {
        this.label = label;
    }

    public Text label() {
        return label;
    }
}
