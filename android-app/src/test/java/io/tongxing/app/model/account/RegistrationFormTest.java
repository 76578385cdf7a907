package io.tongxing.app.model.account;

import static io.tongxing.app.testing.TongzhouCheckpoint.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.app.model.account.RegistrationForm.Field;
import io.tongxing.app.model.account.RegistrationForm.Phase;
import io.tongxing.app.model.resident.ResidentSync;
import io.tongxing.app.model.resident.ResidentVault;
import io.tongxing.app.server.NotConnected;
import io.tongxing.app.server.ResidentDownload;
import io.tongxing.app.server.ResidentSource;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.app.testing.FakeAccounts;
import io.tongxing.app.testing.MemorySecureStore;
import io.tongxing.app.testing.MutableClock;
import io.tongxing.app.testing.SoftwareHolderKeys;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.app.testing.XmlLocalizer;
import io.tongxing.app.text.Localizer;
import io.tongxing.token.Colour;
import io.tongxing.token.HolderKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Registering a resident: the form's own checks, the server's refusals next to their fields, offline. */
class RegistrationFormTest {
    /** The standard's own example: Chaoyang, Beijing, born 1949-12-31, check character X. */
    private static final String ID_NUMBER = "11010519491231002X";
    private static final String PHONE = "13812345678";
    private static final String PASSWORD = "correct horse battery";

    private final MutableClock clock = new MutableClock(NOW); // 2026-11-22
    private final MemorySecureStore store = new MemorySecureStore();
    private final ResidentVault vault = new ResidentVault(store);
    private final SoftwareHolderKeys phoneKeys = new SoftwareHolderKeys();
    private final FakeAccounts server = new FakeAccounts();
    private final List<HolderKey> registeredKeys = new ArrayList<>();
    private final List<Runnable> pending = new ArrayList<>();
    private boolean credentialsOffline;
    private ServerRefusedException keyRefused;

    private final ResidentSource residentApi = new ResidentSource() {
        @Override
        public void registerHolderKey(HolderKey key) throws IOException, ServerRefusedException {
            if (keyRefused != null) {
                server.expireSession();
                throw keyRefused;
            }
            if (credentialsOffline) {
                throw new IOException("offline (test)");
            }
            registeredKeys.add(key);
        }

        @Override
        public ResidentDownload fetchCredentials() {
            return new ResidentDownload(Optional.of(TongzhouCheckpoint.healthCode(Colour.GREEN, 42, Optional.empty())),
                    Collections.emptyList(), NOW);
        }
    };

    @Test
    void aCompleteFormRegistersLogsInRegistersThePhoneAndFetchesTheCode() throws Exception {
        RegistrationForm form = form(Runnable::run, XmlLocalizer.inEnglish());
        form.set(Field.PHONE, "+86 138 1234 5678");
        form.sendCode();
        assertEquals(Phase.CODE_SENT, form.state().phase());
        assertEquals(Optional.of("A code was sent by SMS to 138****5678."), form.state().message());

        fill(form);
        form.set(Field.ID_NUMBER, " 11010519491231002x ");
        form.register();

        assertEquals(Phase.REGISTERED, form.state().phase());
        assertEquals(Optional.of("Registered and logged in. Your health code was fetched."), form.state().message());
        assertEquals(List.of("张三/" + ID_NUMBER + "/" + PHONE), server.registered, "trimmed, X upper-cased, bare digits");
        assertTrue(server.loggedIn());
        assertEquals(List.of(phoneKeys.holderKey()), registeredKeys);
        assertTrue(vault.load().get().healthCode().isPresent());
    }

    @Test
    void noMessagesBeforeTheFirstTryThenOneNextToEveryWrongField() {
        RegistrationForm form = form(Runnable::run, XmlLocalizer.inEnglish());
        assertTrue(form.state().errors().isEmpty());

        form.register();

        assertEquals(Optional.of("Enter your name."), form.state().error(Field.NAME));
        assertEquals(Optional.of("An ID number has 17 digits, then a digit or X."), form.state().error(Field.ID_NUMBER));
        assertEquals(Optional.of("Enter a mainland China mobile number, like 13812345678."),
                form.state().error(Field.PHONE));
        assertEquals(Optional.of("A password has at least 10 characters."), form.state().error(Field.PASSWORD));
        assertEquals(Optional.of("Enter the 6-digit code from the SMS."), form.state().error(Field.CODE));
        assertEquals(Optional.of("Please correct the marked fields."), form.state().message());
        assertTrue(server.registered.isEmpty());

        form.set(Field.NAME, "张三");
        assertEquals(Optional.empty(), form.state().error(Field.NAME), "messages follow each edit");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "11010519491231002|An ID number has 17 digits, then a digit or X.",
        "1101051949123100XX|An ID number has 17 digits, then a digit or X.",
        "99010519491231002X|The first two digits are not a province’s code.",
        "110105194902300021|Digits 7 to 14 are not a real date of birth.",
        "110105187912310025|Digits 7 to 14 are not a real date of birth.",
        "110105202711230026|The date of birth in this number is in the future.",
        "110105199003071234|The last character does not fit the others: check the number for a typo.",
        "110105194912310021|The last character does not fit the others: check the number for a typo.",
    })
    void idNumbersAreCheckedAsTheServerChecksThem(String typed, String message) {
        RegistrationForm form = form(Runnable::run, XmlLocalizer.inEnglish());
        form.set(Field.ID_NUMBER, typed);
        form.register();

        assertEquals(Optional.of(message), form.state().error(Field.ID_NUMBER));
    }

    @ParameterizedTest
    @CsvSource({"11010519491231002X", "440524188001010014", "110105199003071239"})
    void realIdNumbersPass(String typed) {
        RegistrationForm form = form(Runnable::run, XmlLocalizer.inEnglish());
        form.set(Field.ID_NUMBER, typed);
        form.register();

        assertEquals(Optional.empty(), form.state().error(Field.ID_NUMBER));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "12812345678|Enter a mainland China mobile number, like 13812345678.",
        "1381234567|Enter a mainland China mobile number, like 13812345678.",
        "+1 138 1234 5678|Enter a mainland China mobile number, like 13812345678.",
    })
    void phoneNumbersMustBeMainlandMobiles(String typed, String message) {
        RegistrationForm form = form(Runnable::run, XmlLocalizer.inEnglish());
        form.set(Field.PHONE, typed);

        form.sendCode();

        assertEquals(Optional.of(message), form.state().error(Field.PHONE));
        assertEquals(Optional.empty(), form.state().error(Field.NAME), "sending a code checks the phone only");
        assertTrue(server.codesSentTo.isEmpty());
    }

    @Test
    void passwordsNeedTenToOneHundredTwentyEightCharactersTypedTwiceAlike() {
        RegistrationForm form = form(Runnable::run, XmlLocalizer.inEnglish());
        form.set(Field.PASSWORD, "123456789");
        form.register();
        assertEquals(Optional.of("A password has at least 10 characters."), form.state().error(Field.PASSWORD));

        form.set(Field.PASSWORD, "x".repeat(129));
        assertEquals(Optional.of("A password has at most 128 characters."), form.state().error(Field.PASSWORD));

        form.set(Field.PASSWORD, "1234567890");
        form.set(Field.PASSWORD_AGAIN, "1234567899");
        assertEquals(Optional.empty(), form.state().error(Field.PASSWORD), "ten is enough");
        assertEquals(Optional.of("The two passwords differ."), form.state().error(Field.PASSWORD_AGAIN));
    }

    @Test
    void anIdNumberAlreadyRegisteredIsShownNextToTheIdNumberInTheServersWords() {
        server.idNumbers.add(ID_NUMBER);
        RegistrationForm form = form(Runnable::run, XmlLocalizer.inEnglish());
        form.set(Field.PHONE, PHONE);
        form.sendCode();
        fill(form);

        form.register();

        assertEquals(Phase.REFUSED, form.state().phase());
        assertEquals(Optional.of("This ID number is already registered."), form.state().error(Field.ID_NUMBER));
        assertEquals(Optional.of("Please correct the marked fields."), form.state().message());
        assertFalse(server.loggedIn());

        form.set(Field.ID_NUMBER, "440524188001010014");
        assertEquals(Optional.empty(), form.state().error(Field.ID_NUMBER), "the refusal goes once the field is edited");
        form.register();
        assertEquals(Phase.REGISTERED, form.state().phase());
    }

    @Test
    void aWrongSmsCodeIsShownNextToTheCode() {
        RegistrationForm form = form(Runnable::run, XmlLocalizer.inEnglish());
        form.set(Field.PHONE, PHONE);
        form.sendCode();
        fill(form);
        form.set(Field.CODE, "135790");

        form.register();

        assertEquals(Optional.of("The verification code is wrong or has expired."), form.state().error(Field.CODE));
        assertTrue(server.registered.isEmpty());
    }

    @Test
    void askingForASecondCodeTooSoonIsShownNextToThePhone() {
        RegistrationForm form = form(Runnable::run, XmlLocalizer.inEnglish());
        form.set(Field.PHONE, PHONE);
        form.sendCode();

        form.sendCode();

        assertEquals(Phase.REFUSED, form.state().phase());
        assertEquals(Optional.of("Too many verification codes requested; try again later."),
                form.state().error(Field.PHONE));
    }

    @Test
    void offlineEverythingTypedStaysForAnotherTry() {
        RegistrationForm form = form(Runnable::run, XmlLocalizer.inEnglish());
        form.set(Field.PHONE, PHONE);
        form.sendCode();
        fill(form);
        server.unreachable = true;

        form.register();

        assertEquals(Phase.OFFLINE, form.state().phase());
        assertEquals(Optional.of("The server cannot be reached. What you typed is kept; try again when online."),
                form.state().message());
        server.unreachable = false;
        form.register();
        assertEquals(Phase.REGISTERED, form.state().phase());
    }

    @Test
    void aBuildWithoutTheServerApiCannotSendACode() {
        NotConnected notConnected = new NotConnected();
        RegistrationForm form = new RegistrationForm(notConnected, new ResidentSync(notConnected, vault, phoneKeys, clock),
                clock, XmlLocalizer.inChinese(), Runnable::run);
        form.set(Field.PHONE, PHONE);

        form.sendCode();

        assertEquals(Phase.OFFLINE, form.state().phase());
        assertEquals(Optional.of("无法连接服务器。已填写的内容会保留，请联网后重试。"), form.state().message());
    }

    @Test
    void registeredButTheCodeCannotBeFetchedYetSaysSo() throws Exception {
        RegistrationForm form = form(Runnable::run, XmlLocalizer.inEnglish());
        form.set(Field.PHONE, PHONE);
        form.sendCode();
        fill(form);
        credentialsOffline = true;

        form.register();

        assertEquals(Phase.REGISTERED, form.state().phase());
        assertEquals(Optional.of("Registered and logged in. Your health code will be fetched when the server can be "
                + "reached."), form.state().message());
        assertTrue(server.loggedIn());
        assertFalse(vault.load().isPresent());
    }

    @Test
    void aSessionEndedRightAfterRegistrationAsksToLogInAgain() {
        RegistrationForm form = form(Runnable::run, XmlLocalizer.inChinese());
        form.set(Field.PHONE, PHONE);
        form.sendCode();
        fill(form);
        keyRefused = new ServerRefusedException(ServerRefusedException.SESSION_EXPIRED, "登录已失效，请重新登录。");

        form.register();

        assertEquals(Phase.EXPIRED, form.state().phase());
        assertEquals(Optional.of("登录已失效，请重新登录。"), form.state().message());
        assertFalse(server.loggedIn());
    }

    @Test
    void whileSendingTheButtonsWaitAndASecondTapSendsNothingMore() {
        RegistrationForm form = form(pending::add, XmlLocalizer.inEnglish());
        form.set(Field.PHONE, PHONE);
        pending.clear();
        form.sendCode();
        form.sendCode();
        form.register();

        assertEquals(1, pending.size());
        assertFalse(form.state().actionsEnabled());
        pending.remove(0).run();
        assertEquals(Phase.CODE_SENT, form.state().phase());
        assertTrue(form.state().actionsEnabled());
    }

    @Test
    void messagesInChinese() {
        RegistrationForm form = form(Runnable::run, XmlLocalizer.inChinese());
        form.set(Field.ID_NUMBER, "110105199003071234");
        form.register();

        assertEquals(Optional.of("最后一位校验码不符，请检查号码是否输错。"), form.state().error(Field.ID_NUMBER));
        assertEquals(Optional.of("请输入姓名。"), form.state().error(Field.NAME));
    }

    private void fill(RegistrationForm form) {
        form.set(Field.NAME, " 张三 ");
        form.set(Field.ID_NUMBER, ID_NUMBER);
        form.set(Field.PHONE, PHONE);
        form.set(Field.PASSWORD, PASSWORD);
        form.set(Field.PASSWORD_AGAIN, PASSWORD);
        form.set(Field.CODE, FakeAccounts.SMS_CODE);
    }

    private RegistrationForm form(Executor background, Localizer words) {
        return new RegistrationForm(server, new ResidentSync(residentApi, vault, phoneKeys, clock), clock, words,
                background);
    }
}
