package io.tongxing.app.server;

import io.tongxing.app.model.resident.CheckIn;
import io.tongxing.app.scanlog.ScanRecord;
import io.tongxing.sync.IdCheckReason;
import io.tongxing.token.HolderKey;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every server seam, answering "not reachable" until the server's HTTP API is written: the app then
 * behaves exactly as it does offline, which is a state it must handle anyway.
 */
public final class NotConnected implements CheckpointSyncSource, ScanUploader, EnrollmentService, ResidentSource,
        ColourExplanations, CheckInSubmitter, AccountLogin, ResidentRegistration, IdCheckService {

    private static IOException unavailable() {
        return new IOException("the home server's API is not connected in this build");
    }

    @Override
    public CheckpointDownload fetchBundle() throws IOException {
        throw unavailable();
    }

    @Override
    public Set<Long> upload(List<ScanRecord> batch) throws IOException {
        throw unavailable();
    }

    @Override
    public Answer check(String idNumber, IdCheckReason reason) throws IOException {
        throw unavailable();
    }

    @Override
    public Enrollment enroll(String enrollmentCode) throws IOException {
        throw unavailable();
    }

    @Override
    public void registerHolderKey(HolderKey key) throws IOException {
        throw unavailable();
    }

    @Override
    public ResidentDownload fetchCredentials() throws IOException {
        throw unavailable();
    }

    @Override
    public String explain(Locale language) throws IOException {
        throw unavailable();
    }

    @Override
    public void submit(CheckIn checkIn) throws IOException {
        throw unavailable();
    }

    @Override
    public void login(String login, String password) throws IOException {
        throw unavailable();
    }

    /** Nothing is held, so there is nothing to forget. */
    @Override
    public void logout() {
    }

    @Override
    public boolean loggedIn() {
        return false;
    }

    @Override
    public void requestRegistrationCode(String phone) throws IOException {
        throw unavailable();
    }

    @Override
    public void registerResident(String name, String idNumber, String phone, String password, String code)
            throws IOException {
        throw unavailable();
    }
}
