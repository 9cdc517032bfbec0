package dev.imager.coordinator.schedule;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A run's job ids: {@code <runId>-r<round>-j<job>-<tag>}, readable, and unguessable without having seen the job. The
 * tag is the first 48 bits of an HMAC-SHA256, under a key drawn at random for the run and never sent, of the round
 * and job number: knowing the run id and every earlier id does not give the next one, so a publisher that cannot read
 * {@code <prefix>.jobs} cannot name a job of the run (the ledger refuses results of jobs it does not have open).
 * Thread-safe.
 */
public final class JobIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final String runId;
    private final Mac mac;

    private JobIds(String runId, byte[] key) {
        this.runId = runId;
        try {
            this.mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available: " + e.getMessage(), e);
        }
    }

    /** Ids of run {@code runId} under a fresh random key. */
    public static JobIds random(String runId) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new JobIds(runId, key);
    }

    /** Ids under a given key (tests). */
    public static JobIds withKey(String runId, String key) {
        return new JobIds(runId, key.getBytes(StandardCharsets.UTF_8));
    }

    public String runId() {
        return runId;
    }

    /** The id of job {@code j} of round {@code round}. */
    public String id(long round, int j) {
        byte[] tag;
        synchronized (mac) {
            tag = mac.doFinal(ByteBuffer.allocate(12).putLong(round).putInt(j).array());
        }
        return runId + "-r" + round + "-j" + j + "-" + HEX.formatHex(tag, 0, 6);
    }
}
