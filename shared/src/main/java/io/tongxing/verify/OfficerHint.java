package io.tongxing.verify;

/**
 * What the officer must do besides reading the verdict, when the credential itself cannot show that
 * the person in front of them holds it: a paper card has no live proof, and an ID-number check found
 * the person by the number typed from their ID card. Words in zh-CN and English, as {@link Reason}'s.
 */
public enum OfficerHint {
    /** A paper card: compare the ID card with the person and with the card's name and ID digits. */
    COMPARE_ID_CARD("纸质健康卡：请核对身份证照片、姓名与号码末四位",
            "Paper card: check the ID card's photo, name and last four characters"),
    /** An ID-number check: the number came from the ID card, so compare its photo with the person. */
    COMPARE_ID_PHOTO("按身份证号查询：请核对身份证照片与本人", "Looked up by ID number: compare the ID card's photo with the person");

    private final String chinese;
    private final String english;

    OfficerHint(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    /** The words for an officer, in zh-CN. */
    public String chinese() {
        return chinese;
    }

    /** The words for an officer, in English. */
    public String english() {
        return english;
    }
}
