package io.github.firmwaremaven.fetching;

/** A server's user name and password from Maven's settings (decrypted by Maven). */
public record Credentials(String username, String password) {
    /** Never shows the password. */
    @Override
    public String toString() {
        return username + ":***";
    }
}
