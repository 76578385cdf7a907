package io.tongxing.app.server.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import io.tongxing.app.platform.DeviceKeyStore;
import io.tongxing.app.server.Enrollment;
import io.tongxing.app.server.EnrollmentService;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.jose.JsonFields;
import io.tongxing.sync.DeviceRequestProof;
import io.tongxing.token.HolderKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Enrolls this phone as a checkpoint device: a new device key from the {@link DeviceKeyStore}, the
 * officer's one-time code, and a proof signed by the new key so the server knows the phone holds it. The
 * answer's trust keys are pinned; their RFC 7638 thumbprints must be the ones the server states (and the
 * officer can compare them with the region's published value).
 */
public final class HttpEnrollment implements EnrollmentService {
    static final String PATH = "/api/v1/checkpoint-devices";

    private final AccountSession officer;
    private final DeviceKeyStore keys;
    private final Clock clock;
    private final SecureRandom random;
    private final LongSupplier firstSequence;

    /**
     * @param officer the officer's session (role OFFICER, bound to the checkpoint)
     * @param firstSequence the scan log's next sequence number, so the server counts gaps from there
     */
    public HttpEnrollment(AccountSession officer, DeviceKeyStore keys, Clock clock, SecureRandom random,
            LongSupplier firstSequence) {
        this.officer = Objects.requireNonNull(officer, "officer");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.firstSequence = Objects.requireNonNull(firstSequence, "firstSequence");
    }

    @Override
    public Enrollment enroll(String enrollmentCode) throws IOException, ServerRefusedException {
        HolderKey key;
        try {
            key = keys.newKey();
        } catch (GeneralSecurityException e) {
            throw new IOException("the phone's keystore could not make a device key: " + e.getMessage(), e);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", enrollmentCode.trim());
        body.put("publicKey", key.encoded());
        body.put("firstSequence", Math.max(1, firstSequence.getAsLong()));
        byte[] bytes = ApiClient.encode(body);
        Map<String, Object> answer = officer.callWithBytes("POST", PATH, bytes, () -> {
            try {
                return Collections.singletonMap("Tx-Device-Proof", DeviceRequestProof.sign(keys.signer(),
                        key.encoded(), "POST", PATH, bytes, clock.instant(), DeviceRequestProof.randomJti(random)));
            } catch (GeneralSecurityException e) {
                throw new IOException("the device key could not sign the enrollment: " + e.getMessage(), e);
            }
        });
        try {
            String deviceId = JsonFields.string(answer, "deviceId");
            String checkpoint = JsonFields.string(JsonFields.object(answer.get("checkpoint"), "checkpoint"), "id");
            List<String> thumbprints = JsonFields.strings(answer, "trustKeyThumbprints");
            List<ECPublicKey> trustKeys = new ArrayList<>();
            List<?> jwks = JsonFields.list(answer, "trustKeys");
            for (int i = 0; i < jwks.size(); i++) {
                ECKey jwk = ECKey.parse(JsonFields.object(jwks.get(i), "trustKeys[]"));
                if (jwk.isPrivate() || i >= thumbprints.size()
                        || !jwk.computeThumbprint().toString().equals(thumbprints.get(i))) {
                    throw new IOException("trust key " + i + " of the enrollment does not match its thumbprint");
                }
                trustKeys.add(jwk.toECPublicKey());
            }
            return new Enrollment(deviceId, checkpoint, trustKeys);
        } catch (IllegalArgumentException | ParseException | JOSEException e) {
            throw new IOException("the server's enrollment answer is not usable: " + e.getMessage(), e);
        }
    }
}
