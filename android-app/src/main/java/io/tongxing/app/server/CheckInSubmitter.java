package io.tongxing.app.server;

import io.tongxing.app.model.resident.CheckIn;
import java.io.IOException;

/** Submits a daily check-in (the resident API's check-in endpoint). */
public interface CheckInSubmitter {

    void submit(CheckIn checkIn) throws IOException, ServerRefusedException;
}
