package io.tongxing.app.testing;

import io.tongxing.app.server.AccountLogin;
import io.tongxing.app.server.ResidentRegistration;
import io.tongxing.app.server.ServerRefusedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The home server's accounts as the contract says they behave, for one phone: registration with the SMS
 * code the server last sent to that number, refusals with the server's codes and (English) words, a session
 * kept after login or registration. It can be made unreachable, and a session can be ended at the server
 * (a refresh refused), after which the phone holds none.
 */
public final class FakeAccounts implements AccountLogin, ResidentRegistration {
    /** The code every SMS carries in this fake. */
    public static final String SMS_CODE = "246810";

    public final Map<String, String> passwords = new HashMap<>();
    public final Set<String> idNumbers = new HashSet<>();
    public final List<String> codesSentTo = new ArrayList<>();
    public final List<String> registered = new ArrayList<>();
    public boolean unreachable;
    private boolean session;

    /** An account that exists already. */
    public FakeAccounts withAccount(String login, String password) {
        passwords.put(login, password);
        return this;
    }

    @Override
    public synchronized void login(String login, String password) throws IOException, ServerRefusedException {
        reach();
        if (!password.equals(passwords.get(login))) {
            throw new ServerRefusedException("INVALID_CREDENTIALS", "Wrong account or password.");
        }
        session = true;
    }

    @Override
    public synchronized void logout() {
        session = false;
    }

    @Override
    public synchronized boolean loggedIn() {
        return session;
    }

    /** The server ended the session (the refresh token was refused): the phone forgets it. */
    public synchronized void expireSession() {
        session = false;
    }

    @Override
    public synchronized void requestRegistrationCode(String phone) throws IOException, ServerRefusedException {
        reach();
        if (!codesSentTo.isEmpty() && codesSentTo.get(codesSentTo.size() - 1).equals(phone)) {
            throw new ServerRefusedException("TOO_MANY_CODES", "Too many verification codes requested; try again later.");
        }
        codesSentTo.add(phone);
    }

    @Override
    public synchronized void registerResident(String name, String idNumber, String phone, String password, String code)
            throws IOException, ServerRefusedException {
        reach();
        if (!codesSentTo.contains(phone) || !SMS_CODE.equals(code)) {
            throw new ServerRefusedException("CODE_INVALID", "The verification code is wrong or has expired.");
        }
        if (idNumbers.contains(idNumber)) {
            throw new ServerRefusedException("ID_NUMBER_TAKEN", "This ID number is already registered.");
        }
        if (passwords.containsKey(phone)) {
            throw new ServerRefusedException("PHONE_TAKEN", "This phone number is already registered.");
        }
        idNumbers.add(idNumber);
        passwords.put(phone, password);
        registered.add(name + "/" + idNumber + "/" + phone);
        session = true;
    }

    private void reach() throws IOException {
        if (unreachable) {
            throw new IOException("server unreachable (test)");
        }
    }
}
