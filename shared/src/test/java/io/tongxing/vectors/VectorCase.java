package io.tongxing.vectors;

import io.tongxing.token.CommuterPass;
import io.tongxing.token.Credential;
import io.tongxing.token.HealthCode;
import io.tongxing.token.RegionCode;
import io.tongxing.trust.Issuer;
import io.tongxing.verify.OfficerHint;
import io.tongxing.verify.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One test vector as it is written to JSON: an input, optionally its own clock and policy changes,
 * and the verdict it must get, stated by hand. Expected credential fields come from the credential
 * the input was made from, never from running the verifier.
 */
final class VectorCase {
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final Map<String, Object> expect = new LinkedHashMap<>();

    VectorCase(String name, String description) {
        json.put("name", name);
        json.put("description", description);
    }

    VectorCase input(String text) {
        json.put("input", text);
        return this;
    }

    VectorCase inputHex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x", b));
        }
        json.put("input_hex", hex.toString());
        return this;
    }

    VectorCase now(Instant now) {
        json.put("now", now.getEpochSecond());
        return this;
    }

    /** The signed status lists the device holds for this case, instead of the suite's. */
    VectorCase statusLists(List<String> tokens) {
        json.put("status_lists", new ArrayList<>(tokens));
        return this;
    }

    VectorCase policy(String member, Object value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> policy = (Map<String, Object>) json.computeIfAbsent("policy", k -> new LinkedHashMap<>());
        policy.put(member, value);
        return this;
    }

    /** The verdict's reason (which fixes its outcome). */
    VectorCase expect(Reason reason) {
        expect.put("outcome", reason.outcome().name());
        expect.put("reason", reason.name());
        return this;
    }

    /** The verified credential the officer is shown. */
    VectorCase shows(Credential credential, Issuer issuer, boolean holderProofChecked) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("kind", credential.kind().typ());
        shown.put("issuer", credential.issuer().value());
        shown.put("issuer_name", issuer.name());
        shown.put("masked_name", credential.maskedName());
        shown.put("id_last_four", credential.idLastFour());
        shown.put("expires_at", credential.expiresAt().toString());
        if (credential instanceof HealthCode) {
            shown.put("colour", ((HealthCode) credential).colour().code());
        } else if (credential instanceof CommuterPass) {
            CommuterPass pass = (CommuterPass) credential;
            shown.put("model", pass.model().code());
            List<String> route = new ArrayList<>();
            for (RegionCode region : pass.route()) {
                route.add(region.value());
            }
            shown.put("route", route);
            shown.put("employer", pass.enterprise());
            shown.put("valid_from", pass.validityStart().toString());
            pass.vehiclePlate().ifPresent(plate -> shown.put("vehicle_plate", plate));
        }
        shown.put("holder_proof_checked", holderProofChecked);
        expect.put("credential", shown);
        return this;
    }

    VectorCase shows(Credential credential, Issuer issuer) {
        return shows(credential, issuer, false);
    }

    /** What the officer must check by hand (docs/token-format.md §9, {@code OfficerHint}). */
    VectorCase hint(OfficerHint hint) {
        expect.put("officer_hint", hint.name());
        return this;
    }

    /**
     * An ID-number check (§11) instead of a scan: the signed answer, verified for this device and
     * request with the pinned trust key.
     */
    VectorCase idCheck(String deviceId, String nonce, String answer) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("device_id", deviceId);
        check.put("nonce", nonce);
        check.put("answer", answer);
        json.put("id_check", check);
        return this;
    }

    /** An ID-number check that got no answer: {@code no_network}, or {@code refused} by the server. */
    VectorCase idCheckUnanswered(String why) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("unanswered", why);
        json.put("id_check", check);
        return this;
    }

    /** The age of the status data the verdict rests on. */
    VectorCase statusAge(Duration age) {
        expect.put("status_age_seconds", age.getSeconds());
        return this;
    }

    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>(json);
        out.put("expect", expect);
        return out;
    }
}
