package io.enhancer.webhooks.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body without ever holding more than the limit (+1 byte to notice it is over). */
final class BoundedBody {
    private BoundedBody() {
    }

    /**
     * @param declaredLength the Content-Length, or -1 when the body is chunked; a larger declaration fails at once
     */
    static byte[] read(InputStream in, long declaredLength, long limit) {
        if (declaredLength > limit) {
            throw new PayloadTooLargeException(limit);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declaredLength > 0 ? (int) declaredLength : 8192);
        byte[] buffer = new byte[8192];
        long total = 0;
        try {
            int read;
            while ((read = in.read(buffer, 0, (int) Math.min(buffer.length, limit + 1 - total))) > 0) {
                total += read;
                if (total > limit) {
                    throw new PayloadTooLargeException(limit);
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new InvalidPayloadException("body could not be read");
        }
        return out.toByteArray();
    }
}
