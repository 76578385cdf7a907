package io.tongxing.qr;

import io.tongxing.holder.HolderProof;
import io.tongxing.jose.Base64Url;
import io.tongxing.qr.internal.DecimalBlocks;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The text of a Tongxing QR code, version 1: {@code "TX1:"} and then decimal digits, so that the
 * QR uses its densest mode (numeric) for all but the four-character prefix (alphanumeric).
 *
 * <p>The digits encode a frame of bytes (see {@code docs/token-format.md}):
 * <pre>
 *   u8  header length H     u16 payload length P (big-endian)
 *   H bytes: the JWS header  P bytes: the JWS payload  64 bytes: the JWS signature
 *   [u32 proof time, 64 bytes proof signature]   only when a holder proof is attached
 * </pre>
 * The three JWS parts are carried as bytes and re-encoded as base64url on reading; since the
 * profile only issues canonical base64url, this gives back the exact compact JWS that was signed.
 */
public final class QrText {
    /** The prefix naming format and version. Uppercase, so that QR alphanumeric mode holds it. */
    public static final String PREFIX = "TX1:";
    /** No Tongxing QR text is longer; longer input is refused before any parsing. */
    public static final int MAX_LENGTH = 4096;

    private static final int SIGNATURE_BYTES = 64;
    private static final int PROOF_BYTES = 4 + HolderProof.SIGNATURE_BYTES;

    private QrText() {
    }

    /** True if {@code text} claims to be Tongxing QR text (it may still be malformed). */
    public static boolean isTongxing(CharSequence text) {
        return text.length() >= PREFIX.length() && PREFIX.contentEquals(text.subSequence(0, PREFIX.length()));
    }

    public static String encode(Presentation presentation) {
        String[] parts = presentation.token().split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWS");
        }
        byte[] header = Base64Url.decode(parts[0]);
        byte[] payload = Base64Url.decode(parts[1]);
        byte[] signature = Base64Url.decode(parts[2]);
        if (header.length > 0xFF || payload.length > 0xFFFF || signature.length != SIGNATURE_BYTES) {
            throw new IllegalArgumentException("token too large for a QR frame, or not ES256");
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(header.length);
        frame.write(payload.length >>> 8);
        frame.write(payload.length & 0xFF);
        frame.write(header, 0, header.length);
        frame.write(payload, 0, payload.length);
        frame.write(signature, 0, signature.length);
        presentation.holderProof().ifPresent(proof -> {
            byte[] time = ByteBuffer.allocate(4).putInt((int) proof.epochSecond()).array();
            frame.write(time, 0, time.length);
            byte[] proofSignature = proof.signature();
            frame.write(proofSignature, 0, proofSignature.length);
        });
        return PREFIX + DecimalBlocks.encode(frame.toByteArray());
    }

    /**
     * The presentation in Tongxing QR text.
     *
     * @throws QrTextException if the text lacks the prefix or its frame is broken
     */
    public static Presentation decode(CharSequence text) throws QrTextException {
        if (!isTongxing(text)) {
            throw new QrTextException("not Tongxing QR text");
        }
        if (text.length() > MAX_LENGTH) {
            throw new QrTextException("QR text too long");
        }
        byte[] frame;
        try {
            frame = DecimalBlocks.decode(text.subSequence(PREFIX.length(), text.length()));
        } catch (IllegalArgumentException e) {
            throw new QrTextException("QR digits are malformed: " + e.getMessage());
        }
        if (frame.length < 3) {
            throw new QrTextException("QR frame is truncated");
        }
        int headerLength = frame[0] & 0xFF;
        int payloadLength = ((frame[1] & 0xFF) << 8) | (frame[2] & 0xFF);
        int tokenEnd = 3 + headerLength + payloadLength + SIGNATURE_BYTES;
        if (frame.length != tokenEnd && frame.length != tokenEnd + PROOF_BYTES) {
            throw new QrTextException("QR frame length does not match its header");
        }
        String token = Base64Url.encode(slice(frame, 3, headerLength))
                + '.' + Base64Url.encode(slice(frame, 3 + headerLength, payloadLength))
                + '.' + Base64Url.encode(slice(frame, 3 + headerLength + payloadLength, SIGNATURE_BYTES));
        Optional<HolderProof> proof = Optional.empty();
        if (frame.length > tokenEnd) {
            long time = ByteBuffer.wrap(frame, tokenEnd, 4).getInt() & 0xFFFF_FFFFL;
            proof = Optional.of(HolderProof.of(time, slice(frame, tokenEnd + 4, HolderProof.SIGNATURE_BYTES)));
        }
        return new Presentation(token, proof);
    }

    private static byte[] slice(byte[] bytes, int from, int length) {
        byte[] part = new byte[length];
        System.arraycopy(bytes, from, part, 0, length);
        return part;
    }
}
