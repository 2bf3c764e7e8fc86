package org.fundchain.genesis;

import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.codec.Base64Url;
import org.fundchain.codec.CodecException;
import org.fundchain.codec.Json;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.crypto.Hex;
import org.fundchain.crypto.SigningKey;

/**
 * The exact genesis bytes (canonical JSON) and the consortium CA's signature over them. The bytes, not a
 * re-encoding, are what is hashed and signed, so every node agrees on the genesis hash.
 */
public record SignedGenesis(byte[] document, byte[] signature) {

    public SignedGenesis {
        document = document.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] document() {
        return document.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** Encodes and signs a genesis with the CA key. */
    public static SignedGenesis sign(Genesis g, SigningKey caKey) {
        byte[] doc = GenesisCodec.encode(g);
        return new SignedGenesis(doc, caKey.sign(doc));
    }

    /** Lowercase hex of the suite's hash of the document bytes. */
    public static String hash(CryptoSuite suite, byte[] document) {
        return Hex.encode(suite.hash().digest(document));
    }

    /** The detached signature file: {"alg": ..., "signature": base64url}. */
    public byte[] signatureJson(Genesis g) {
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("alg", g.suite().signature().jsonName());
        m.put("signature", Base64Url.encode(signature));
        return Json.writeBytes(m);
    }

    public static byte[] parseSignatureJson(byte[] json) {
        try {
            SortedMap<String, Object> m = Json.parseObject(json, 4096);
            Object sig = m.get("signature");
            if (!(sig instanceof String)) {
                throw new GenesisException("genesis signature file has no 'signature' string");
            }
            return Base64Url.decode((String) sig, "signature");
        } catch (CodecException | IllegalArgumentException e) {
            throw new GenesisException("genesis signature file is malformed: " + e.getMessage(), e);
        }
    }
}
