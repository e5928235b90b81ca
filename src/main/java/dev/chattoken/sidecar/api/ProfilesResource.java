package dev.chattoken.sidecar.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.chattoken.sidecar.profile.ProfileRegistry;
import io.smallrye.common.annotation.NonBlocking;

/** {@code GET /v1/profiles}: what this sidecar serves, for operators and for the app's own startup checks. */
@Path("/v1/profiles")
public class ProfilesResource {

    private final ProfileRegistry profiles;

    public ProfilesResource(ProfileRegistry profiles) {
        this.profiles = profiles;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    public List<ProfileSummary> list() {
        return profiles.all().stream().map(ProfileSummary::of).toList();
    }
}
