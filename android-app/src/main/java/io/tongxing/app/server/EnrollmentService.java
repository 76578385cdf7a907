package io.tongxing.app.server;

import java.io.IOException;

/** Officer login and device enrollment with the code the officer scans or types. */
public interface EnrollmentService {

    Enrollment enroll(String enrollmentCode) throws IOException, ServerRefusedException;
}
