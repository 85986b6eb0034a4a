package io.github.firmwaremaven.archives;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A host decompressor's standard output as a stream; a non-zero exit becomes an IOException at the end. */
final class HostDecoder extends InputStream {
    private final Process process;
    private final InputStream out;
    private final File errors;
    private boolean checked;

    HostDecoder(List<String> command) throws IOException {
        errors = File.createTempFile("firmware-decoder", ".err");
        errors.deleteOnExit();
        process = io.github.firmwaremaven.processes.ShortCommand.of(command).startReading(errors);
        out = process.getInputStream();
    }

    @Override
    public int read() throws IOException {
        int b = out.read();
        if (b < 0) {
            check();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = out.read(b, off, len);
        if (n < 0) {
            check();
        }
        return n;
    }

    private void check() throws IOException {
        if (checked) {
            return;
        }
        checked = true;
        try {
            int rc = process.waitFor();
            if (rc != 0) {
                String err = new String(java.nio.file.Files.readAllBytes(errors.toPath()), StandardCharsets.UTF_8).strip();
                // xz says "Unexpected end of input" for a truncated file.
                if (err.contains("Unexpected end of input")) {
                    throw new java.io.EOFException(err);
                }
                throw new IOException("decompressor failed (exit " + rc + "): " + err);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        errors.delete();
    }
}
