package bench.floor;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.common.annotation.NonBlocking;

/**
 * The framework floor: parses the body the sidecar's token route gets and answers a JSON object of about the same
 * shape, on the event loop like the sidecar's route. Nothing is signed, logged or counted.
 */
@Path("/echo")
public class Echo {

    public record Request(String user_id, String chat_id) {
    }

    public record Answer(String user_id, String chat_id, long at) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    public Answer echo(Request request) {
        return new Answer(request.user_id(), request.chat_id(), System.currentTimeMillis() / 1000);
    }
}
