package io.github.firmwaremaven.fetching;

import io.github.firmwaremaven.errors.FirmwareException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server credentials of one build: which server id's user and password may go to which origin,
 * and which server ids an origin has already refused. A refused password is never sent again in the
 * same build (an account lock-out counts every wrong try), so the refusal is remembered here, across
 * sources, for the life of one {@link DownloadCache}.
 */
final class ServerAuth {
    /** A server id's credentials, bound to the origin of the URL they were declared with. */
    record Login(String serverId, Credentials credentials, Origin origin) {
        boolean appliesTo(URI uri) {
            return origin.equals(Origin.of(uri));
        }
    }

    /** The origin answered 401 or 403 to a server id's credentials; not retried. */
    static final class Refused extends HttpFetcher.TransferException {
        final String serverId;
        final String url;

        Refused(String serverId, String url, String why) {
            super(why, false);
            this.serverId = serverId;
            this.url = url;
        }
    }

    private final Map<String, Credentials> servers;
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    ServerAuth(Map<String, Credentials> servers) {
        this.servers = servers;
    }

    /** The login for {@code serverId} at the origin of {@code url}; null without a server id. */
    Login login(String serverId, URI url) {
        if (serverId == null) {
            return null;
        }
        Credentials c = servers.get(serverId);
        Origin o = Origin.of(url);
        return c == null || o == null ? null : new Login(serverId, c, o);
    }

    /** Why this server id's credentials were refused earlier in this build, or null. */
    String refusal(String serverId) {
        return refusals.get(serverId);
    }

    void refused(String serverId, String what) {
        refusals.putIfAbsent(serverId, what);
    }

    /** One request with a server id's credentials at a time, so that concurrent downloads cannot each
     *  send a wrong password before the first refusal is known. */
    Object lock(String serverId) {
        return locks.computeIfAbsent(serverId, k -> new Object());
    }

    /**
     * Fails before any download if a source or a mirror names a server id the settings do not define.
     * {@code settingsFiles} names the settings files Maven read, for the message.
     */
    static void requireDefined(List<SourceSpec> specs, FetchOptions options, String settingsFiles)
            throws FirmwareException {
        StringBuilder m = new StringBuilder();
        for (SourceSpec s : specs) {
            if (s.serverId() != null && s.localOverride() == null && !options.servers().containsKey(s.serverId())) {
                m.append("\n  source '").append(s.name()).append("' <serverId>").append(s.serverId())
                        .append("</serverId>");
            }
        }
        if (options.primaryMirrorServerId() != null && !options.servers().containsKey(options.primaryMirrorServerId())) {
            m.append("\n  the primary mirror's server id '").append(options.primaryMirrorServerId())
                    .append("' (firmware.fetch-sources.primaryMirrorServerId)");
        }
        if (options.backupMirrorServerId() != null && !options.servers().containsKey(options.backupMirrorServerId())) {
            m.append("\n  the backup mirror's server id '").append(options.backupMirrorServerId())
                    .append("' (firmware.fetch-sources.backupMirrorServerId)");
        }
        if (m.length() > 0) {
            throw new FirmwareException("No credentials for these server ids: the settings (" + settingsFiles
                    + ") have no <servers><server> with that <id> and a <username>:" + m
                    + "\nAdd the <server> to your settings.xml (its password may be encrypted with "
                    + "mvn --encrypt-password), or remove the <serverId> if the server needs no login."
                    + " Known server ids: " + (options.servers().isEmpty() ? "none"
                            : String.join(", ", new TreeSet<>(options.servers().keySet()))));
        }
    }
}
