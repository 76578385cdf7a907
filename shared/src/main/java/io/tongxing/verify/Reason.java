package io.tongxing.verify;

/**
 * Why the verifier reached its verdict: one code per kind of answer, each with the outcome it
 * leads to and the words an officer reads (Chinese and English). The codes are stable; scan logs
 * and test vectors use their names. Documented in {@code docs/token-format.md}.
 */
public enum Reason {
    ACCEPTED(Outcome.PASS, "核验通过，准予通行", "Verified: may pass"),

    INPUT_TOO_LARGE(Outcome.STOP, "输入过长，不是通行码", "Input too long to be a Tongxing code"),
    INPUT_NOT_UTF8(Outcome.STOP, "输入不是有效文本", "Input is not UTF-8 text"),
    INPUT_CONTROL_CHARACTERS(Outcome.STOP, "输入含有控制字符", "Input contains control characters"),
    INPUT_NOT_RECOGNIZED(Outcome.STOP, "不是通行码", "Not a Tongxing code"),
    QR_FRAME_MALFORMED(Outcome.STOP, "码已损坏或不完整", "Code damaged or incomplete"),

    TOKEN_MALFORMED(Outcome.STOP, "凭证格式错误", "Token malformed"),
    ALGORITHM_NOT_ALLOWED(Outcome.STOP, "签名算法不被允许", "Signature algorithm not allowed"),
    EMBEDDED_KEY_NOT_ALLOWED(Outcome.STOP, "凭证自带密钥，不予信任", "Token offers its own key"),
    CRITICAL_HEADER_NOT_SUPPORTED(Outcome.STOP, "凭证含有不支持的关键参数", "Token has unsupported critical parameters"),
    COMPRESSION_NOT_ALLOWED(Outcome.STOP, "凭证使用了不允许的压缩", "Token uses compression, which is not allowed"),
    KEY_ID_MISSING(Outcome.STOP, "凭证未标明签名密钥", "Token names no signing key"),
    TYPE_UNKNOWN(Outcome.STOP, "未知凭证类型", "Unknown kind of token"),

    ISSUER_UNKNOWN(Outcome.REVIEW, "签发地未知，请人工核验", "Issuer unknown to this device: check by hand"),
    ISSUER_NOT_RECOGNIZED_FOR_KIND(Outcome.STOP, "该签发地的此类凭证不被互认", "Issuer not recognized for this kind of token"),
    ISSUER_NOT_RECOGNIZED_FOR_CORRIDOR(Outcome.STOP, "该签发地在本通道不被互认", "Issuer not recognized on this corridor"),

    KEY_UNKNOWN(Outcome.STOP, "签名密钥未知", "Signing key unknown"),
    KEY_OF_ANOTHER_ISSUER(Outcome.STOP, "签名密钥属于其他签发地", "Signing key belongs to another issuer"),
    SIGNATURE_MALFORMED(Outcome.STOP, "签名格式错误", "Signature malformed"),
    SIGNATURE_HIGH_S(Outcome.STOP, "签名不是规范形式（高 S 值）", "Signature not in its canonical low-S form"),
    SIGNATURE_INVALID(Outcome.STOP, "签名无效：伪造或篡改", "Signature invalid: forged or altered"),
    CLAIMS_INVALID(Outcome.STOP, "凭证内容不完整或有误", "Token content incomplete or invalid"),

    CLOCK_BEHIND(Outcome.REVIEW, "设备时间早于已知时间，请核对时间", "Device clock is behind: check the time"),
    TRUST_DATA_EXPIRED(Outcome.REVIEW, "信任数据已过期，请同步设备", "Trust data out of date: sync the device"),
    KEY_NOT_VALID_AT_ISSUE(Outcome.STOP, "签名密钥在签发时无效", "Signed with a key outside its validity"),
    ISSUED_IN_FUTURE(Outcome.STOP, "签发时间在未来", "Issued in the future"),
    NOT_YET_VALID(Outcome.STOP, "尚未生效", "Not yet valid"),
    EXPIRED(Outcome.STOP, "已过期", "Expired"),

    STATUS_UNAVAILABLE(Outcome.REVIEW, "无状态数据，请同步设备", "No status data for this token: sync the device"),
    STATUS_STALE(Outcome.REVIEW, "状态数据过旧，请同步设备", "Status data too old: sync the device"),
    STATUS_INDEX_OUT_OF_RANGE(Outcome.STOP, "状态编号超出范围", "Status index outside its list"),
    STATUS_UNRECOGNIZED(Outcome.STOP, "未知状态", "Unknown status value"),
    REVOKED(Outcome.STOP, "已作废", "Revoked"),
    SUSPENDED(Outcome.STOP, "已暂停使用", "Suspended"),

    HOLDER_KEY_MISSING(Outcome.STOP, "本卡口要求绑定手机的动态码", "This checkpoint requires a phone-bound code"),
    HOLDER_PROOF_MISSING(Outcome.STOP, "缺少动态验证：可能是截图", "Live proof missing: possibly a screenshot"),
    HOLDER_PROOF_INVALID(Outcome.STOP, "动态验证无效", "Live proof invalid"),
    HOLDER_PROOF_OUT_OF_WINDOW(Outcome.STOP, "动态码已过时，请刷新", "Live proof too old or too new: refresh the code"),
    HOLDER_PROOF_UNEXPECTED(Outcome.STOP, "未绑定手机的凭证附带了动态验证", "Live proof attached to a token not bound to a phone"),

    KIND_NOT_ACCEPTED(Outcome.STOP, "本卡口不接受此类凭证", "This checkpoint does not accept this kind of token"),
    CODE_YELLOW(Outcome.STOP, "黄码", "Yellow code"),
    CODE_RED(Outcome.STOP, "红码", "Red code"),
    ROUTE_MISMATCH(Outcome.STOP, "通行证线路不经过本卡口", "Pass route does not include this checkpoint"),

    /** ID-number checks (§11): the home server has no record of the number, nor a partner to ask. */
    ID_NOT_REGISTERED(Outcome.REVIEW, "查无此身份证号的登记，请人工核验", "No record of this ID number: check by hand"),
    ID_CHECK_PARTNER_UNAVAILABLE(Outcome.REVIEW, "户籍地平台暂时无法查询，请人工核验",
            "The person's home region cannot be asked now: check by hand"),
    ID_CHECK_NEEDS_NETWORK(Outcome.REVIEW, "身份证号查询需要网络，请人工核验", "An ID-number check needs a network: check by hand"),
    ID_CHECK_REFUSED(Outcome.REVIEW, "查询过于频繁或被拒绝，请人工核验", "ID-number check refused or too frequent: check by hand"),
    ID_CHECK_ANSWER_INVALID(Outcome.REVIEW, "查询结果无法验证，请人工核验", "The answer to the ID-number check did not verify: check by hand");

    private final Outcome outcome;
    private final String chinese;
    private final String english;

    Reason(Outcome outcome, String chinese, String english) {
        this.outcome = outcome;
        this.chinese = chinese;
        this.english = english;
    }

    public Outcome outcome() {
        return outcome;
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
