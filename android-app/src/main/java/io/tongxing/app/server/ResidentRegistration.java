package io.tongxing.app.server;

import java.io.IOException;

/** A new resident's account: a code sent by SMS to the phone number, then the registration itself. */
public interface ResidentRegistration {

    /** Asks the server to send a six-digit registration code to {@code phone}. */
    void requestRegistrationCode(String phone) throws IOException, ServerRefusedException;

    /** Registers the resident and logs the new account in on this phone. */
    void registerResident(String name, String idNumber, String phone, String password, String code)
            throws IOException, ServerRefusedException;
}
