package io.tongxing.app.model.resident;

import io.tongxing.app.platform.HolderKeyStore;
import io.tongxing.holder.HolderProof;
import io.tongxing.holder.HolderSigner;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrText;
import io.tongxing.token.Credential;
import io.tongxing.token.HolderKey;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Objects;

/**
 * A token as its holder shows it: QR text with a fresh holder proof when the token is bound to this
 * phone's key, so that a screenshot stops working within the checkpoint's proof window.
 */
public final class LiveCode {
    /** How the token relates to this phone's holder key. */
    public enum Binding {
        /** Bound to this phone: every QR carries a fresh proof. */
        LIVE,
        /** The token names no holder key: shown as is. */
        NOT_BOUND,
        /** The token names another key (the app was reinstalled): shown as is; log in again to re-register. */
        OTHER_KEY,
        /** The Keystore failed: shown as is. */
        KEY_UNAVAILABLE
    }

    private final String token;
    private final Binding binding;
    private final HolderSigner signer;

    private LiveCode(String token, Binding binding, HolderSigner signer) {
        this.token = token;
        this.binding = binding;
        this.signer = signer;
    }

    public static LiveCode of(String token, Credential credential, HolderKeyStore keys) {
        Objects.requireNonNull(token, "token");
        if (!credential.holderKey().isPresent()) {
            return new LiveCode(token, Binding.NOT_BOUND, null);
        }
        try {
            HolderKey mine = keys.holderKey();
            if (!mine.equals(credential.holderKey().get())) {
                return new LiveCode(token, Binding.OTHER_KEY, null);
            }
            return new LiveCode(token, Binding.LIVE, keys.signer());
        } catch (GeneralSecurityException e) {
            return new LiveCode(token, Binding.KEY_UNAVAILABLE, null);
        }
    }

    public Binding binding() {
        return binding;
    }

    /** The QR text to draw at {@code now}. */
    public String qrText(Instant now) {
        if (binding == Binding.LIVE) {
            try {
                return QrText.encode(Presentation.of(token, HolderProof.create(token, now, signer)));
            } catch (GeneralSecurityException e) {
                // Without a proof the code still verifies where proofs are optional; where they are
                // required the checkpoint says why (HOLDER_PROOF_MISSING).
                return QrText.encode(Presentation.of(token));
            }
        }
        return QrText.encode(Presentation.of(token));
    }
}
