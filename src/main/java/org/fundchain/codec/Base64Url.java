package org.fundchain.codec;

import java.util.Base64;

/** base64url without padding, as the public API uses; decoding also accepts padding and is strict otherwise. */
public final class Base64Url {
    private Base64Url() {
    }

    public static String encode(byte[] data) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
    }

    public static byte[] decode(String text, String field) {
        if (text == null) {
            throw new CodecException(field + " is missing");
        }
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new CodecException(field + " is not valid base64url: " + e.getMessage(), e);
        }
    }
}
