// Stream Chat: connect with the same user id the backend signed, and a token provider that Stream calls again for a
// new token when one expires.
import { StreamChat } from "stream-chat";
import { chatToken } from "./chat-token.js";

const client = StreamChat.getInstance("YOUR_STREAM_API_KEY");
await client.connectUser({ id: window.appUser.id }, async () => {
  const answer = await chatToken();
  return answer.token;
});
