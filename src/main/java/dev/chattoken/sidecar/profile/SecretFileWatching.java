package dev.chattoken.sidecar.profile;

import dev.chattoken.sidecar.config.ChatTokenConfig;
import dev.chattoken.sidecar.keys.SecretFileWatcher;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The process's one {@link SecretFileWatcher}, re-reading every file each {@code chat-token.reload-interval}. */
public class SecretFileWatching {

    @Produces
    @Singleton
    SecretFileWatcher watcher(ChatTokenConfig config) {
        SecretFileWatcher watcher = new SecretFileWatcher(config.reloadInterval());
        watcher.start();
        return watcher;
    }

    void stop(@Disposes SecretFileWatcher watcher) {
        watcher.close();
    }
}
